-- Each small chunk is staged under a key of its own request, recorded here: a chunk sent again
-- while the first copy is in use (by a completion that already started) then never overwrites or
-- removes that copy. Rows from before kept their chunk at staging/<upload>/<part>.
alter table upload_part add column staged_key text;
update upload_part set staged_key = 'staging/' || upload_id || '/' || part_number where staged;
