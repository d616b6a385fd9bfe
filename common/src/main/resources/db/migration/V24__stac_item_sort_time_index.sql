-- Item search by time for files_admin, in either direction (ties by collection and id in the same
-- direction, so one index serves both). Concurrently, alone in its migration, as V19.
create index concurrently if not exists stac_item_sort_time_idx
    on stac_item (stac_item_sort_time(datetime, start_datetime), collection_id, id);
