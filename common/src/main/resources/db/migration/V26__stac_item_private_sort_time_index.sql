-- Item search by time for other callers: the branch of their own private items (see V12).
-- Concurrently, as V19.
create index concurrently if not exists stac_item_private_sort_time_idx
    on stac_item (private_owner, stac_item_sort_time(datetime, start_datetime), collection_id, id)
    where private_owner is not null;
