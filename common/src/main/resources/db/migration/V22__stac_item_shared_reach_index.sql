-- A collection's computed extent around items on both sides of the antimeridian (CollectionExtents)
-- takes, for each 10-degree band of west edges, the westmost west edge (stac_item_shared_min_x_idx)
-- and the eastmost east edge of the boxes that start there: this index gives the latter from its
-- end. Only for collections whose items' boxes span over half the world or cross the antimeridian.
-- Concurrently, as V19.
create index concurrently if not exists stac_item_shared_reach_idx
    on stac_item (collection_id, floor((bbox_min_x + 180) / 10), bbox_max_x)
    where private_owner is null and bbox_min_x <= bbox_max_x;
