-- A chunked upload is 'completing' while one request assembles its file: the claim is a conditional
-- update from 'in-progress', so of two completions racing exactly one proceeds, and chunks or an
-- abort arriving meanwhile are refused instead of changing what is being assembled.
alter table upload drop constraint upload_status_check;
alter table upload add constraint upload_status_check
    check (status in ('in-progress', 'completing', 'completed', 'aborted'));
