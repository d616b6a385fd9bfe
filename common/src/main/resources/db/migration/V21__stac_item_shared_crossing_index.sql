-- A collection's computed extent spans all longitudes when one of its shared items crosses the
-- antimeridian (CollectionExtents): few items do, and finding whether one does reads only them.
-- Concurrently, as V19.
create index concurrently if not exists stac_item_shared_crossing_idx on stac_item (collection_id)
    where private_owner is null and bbox_min_x > bbox_max_x;
