-- The box index built with the function before V18, whose entries place no box that crosses the
-- antimeridian. Concurrently, as V19.
drop index concurrently if exists stac_item_box_gist_idx;
