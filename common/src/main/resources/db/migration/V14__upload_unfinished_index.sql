-- geoingest_uploads_in_progress counts the uploads neither completed nor aborted, a 'completing' one
-- among them: the partial index it counts on covers both states.
create index upload_unfinished_kind_idx on upload (kind) where status in ('in-progress', 'completing');
