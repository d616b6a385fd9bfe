-- The STAC catalog API (status-service): what items keep besides their indexed columns, and the
-- indexes item search runs on. PostgreSQL's own box and range types with GiST indexes: no extension.

-- Top-level fields of an item document other than the indexed ones (stac_extensions, links to
-- licences or metadata...), kept as given so that a PUT loses nothing.
alter table stac_item add column other_fields jsonb not null default '{}';

-- An item's bounding box as a box; null when the item has no geometry.
create function stac_item_box(min_x double precision, min_y double precision,
                              max_x double precision, max_y double precision) returns box
    language sql immutable parallel safe
as $$ select box(point(min_x, min_y), point(max_x, max_y)) $$;

-- The time an item covers: [datetime, datetime] or [start_datetime, end_datetime], ends in order
-- whatever a writer stored; null when the item has no time at all.
create function stac_item_period(datetime timestamptz, start_datetime timestamptz,
                                 end_datetime timestamptz) returns tstzrange
    language sql immutable parallel safe
as $$
    select case
        when coalesce(start_datetime, datetime, end_datetime) is null then null
        else tstzrange(least(coalesce(start_datetime, datetime), coalesce(end_datetime, datetime)),
                       greatest(coalesce(start_datetime, datetime), coalesce(end_datetime, datetime)), '[]')
    end
$$;

-- Search filters: bbox and intersects (box overlap), datetime (range overlap), ids across collections.
create index stac_item_box_gist_idx on stac_item using gist (stac_item_box(bbox_min_x, bbox_min_y, bbox_max_x, bbox_max_y));
create index stac_item_period_gist_idx on stac_item using gist (stac_item_period(datetime, start_datetime, end_datetime));
create index stac_item_id_idx on stac_item (id);
