-- A collection without an extent of its own (the worker's) is shown with the extent of the items the
-- caller may read (status-service CollectionExtents): the shared items and the caller's own, not
-- another owner's private ones, which would tell where and when that owner uploaded. The shared
-- items' extent is read as six min/max, each from the end of one of these indexes, so that a
-- collection's read stays as fast with a million items; the caller's own are found on
-- stac_item_private_owner_idx (V12), all of them read (fast for most; slow for one who owns most).
-- Partial: the worker's private items, most of all, cost nothing.
-- "if not exists": an operator of a large catalog may build them beforehand, concurrently (README).
create index if not exists stac_item_shared_min_x_idx on stac_item (collection_id, bbox_min_x) where private_owner is null;
create index if not exists stac_item_shared_min_y_idx on stac_item (collection_id, bbox_min_y) where private_owner is null;
create index if not exists stac_item_shared_max_x_idx on stac_item (collection_id, bbox_max_x) where private_owner is null;
create index if not exists stac_item_shared_max_y_idx on stac_item (collection_id, bbox_max_y) where private_owner is null;
create index if not exists stac_item_shared_start_idx on stac_item (collection_id, lower(stac_item_period(datetime, start_datetime, end_datetime)))
    where private_owner is null;
create index if not exists stac_item_shared_end_idx on stac_item (collection_id, upper(stac_item_period(datetime, start_datetime, end_datetime)))
    where private_owner is null;
