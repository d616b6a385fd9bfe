-- The multipart upload a chunked upload's completion writes the file anew into, when small chunks
-- lie between large parts (UploadAssembler), recorded as soon as it exists: an abort, or the sweep
-- after a completion cut off, removes it with the rest of what the upload stored.
alter table upload add column rebuild_s3_upload_id text;
