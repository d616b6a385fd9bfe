-- The time item search sorts by (sortby properties.datetime, status-service ItemOrder): an item's
-- datetime, or for one that covers a span its start; an item without a time sorts before all
-- others, so that the key is never null and pages follow each other by row comparison.
create function stac_item_sort_time(datetime timestamptz, start_datetime timestamptz) returns timestamptz
    language sql immutable parallel safe
as $$ select coalesce(datetime, start_datetime, '-infinity'::timestamptz) $$;
