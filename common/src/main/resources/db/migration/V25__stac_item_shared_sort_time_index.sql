-- Item search by time for other callers: the shared items' branch (see V12). Concurrently, as V19.
create index concurrently if not exists stac_item_shared_sort_time_idx
    on stac_item (stac_item_sort_time(datetime, start_datetime), collection_id, id) where private_owner is null;
