-- geoingest_uploads_in_progress counts the uploads neither completed nor aborted, a 'completing' one
-- among them: the partial index it counts on covers both states.
-- Concurrently: a plain build holds chunk uploads and completions for as long as it scans the
-- table. Flyway runs a migration whose only statement is a concurrent build outside a transaction;
-- a build that fails leaves an invalid index, which "if not exists" would keep: drop it, repair the
-- history, and the next start builds it again (README, "Kubernetes").
create index concurrently if not exists upload_unfinished_kind_idx on upload (kind) where status in ('in-progress', 'completing');
