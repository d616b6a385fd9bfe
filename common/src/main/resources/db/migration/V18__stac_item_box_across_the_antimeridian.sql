-- An item whose box crosses the antimeridian (west > east, as STAC and GeoJSON write it: a scene
-- from 179 east to 173 west) was indexed as the box from 173 west to 179 east, the rest of the
-- world, and a search where the scene lies missed it. It is now indexed as the box from its west
-- edge to its east edge a turn further east (179 to 187): searches look for each of their boxes
-- there too, a turn east (ItemQuery). Boxes that do not cross are indexed as before.
-- The index still holds the old results until V19 builds its successor and V20 drops it, right
-- after; only the boxes that cross, which the old index did not place either, are missed meanwhile.
create or replace function stac_item_box(min_x double precision, min_y double precision,
                                         max_x double precision, max_y double precision) returns box
    language sql immutable parallel safe
as $$ select box(point(min_x, min_y), point(case when min_x > max_x then max_x + 360 else max_x end, max_y)) $$;
