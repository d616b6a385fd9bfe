-- When what an aborted upload stored (its multipart upload, staged chunks, an object of a completion
-- that failed half-way) was removed from storage. An aborted upload without it still owes that
-- removal: storage failed, or the service stopped, between the abort and the removal, or a service
-- that does not record it (the status-service, ending the uploads of the assets it deletes) ended
-- it. The sweep of abandoned uploads retries the removal until it succeeds.
alter table upload add column storage_removed_at timestamptz;
-- Uploads aborted before this column: their removal was tried then, and cannot be told apart now.
update upload set storage_removed_at = ended_at where status = 'aborted';
create index upload_storage_removal_owed_idx on upload (id) where status = 'aborted' and storage_removed_at is null;
