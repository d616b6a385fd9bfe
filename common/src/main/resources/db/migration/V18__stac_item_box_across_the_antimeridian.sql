-- An item whose box crosses the antimeridian (west > east, as STAC and GeoJSON write it: a scene
-- from 179 east to 173 west) was indexed as the box from 173 west to 179 east, the rest of the
-- world, and a search where the scene lies missed it. It is now indexed as the box from its west
-- edge to its east edge a turn further east (179 to 187): searches look for each of their boxes
-- there too, a turn east (ItemQuery). Boxes that do not cross are indexed as before.
create or replace function stac_item_box(min_x double precision, min_y double precision,
                                         max_x double precision, max_y double precision) returns box
    language sql immutable parallel safe
as $$ select box(point(min_x, min_y), point(case when min_x > max_x then max_x + 360 else max_x end, max_y)) $$;

-- The index holds the function's old results: rebuilt here, in one read of the table, while writes
-- to items wait.
reindex index stac_item_box_gist_idx;

-- A collection's computed extent spans all longitudes when one of its shared items crosses the
-- antimeridian (CollectionExtents): few items do, and finding whether one does reads only them.
create index if not exists stac_item_shared_crossing_idx on stac_item (collection_id)
    where private_owner is null and bbox_min_x > bbox_max_x;
