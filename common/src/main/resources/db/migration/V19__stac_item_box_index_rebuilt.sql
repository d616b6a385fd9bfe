-- The box index again, with V18's function, under a new name beside the old one, which V20 drops.
-- Concurrently, alone in its migration, which Flyway then runs outside a transaction: a plain
-- build (or a reindex) holds the worker's completions and every item write for as long as it scans
-- the catalog. A build that fails leaves an invalid index, which "if not exists" would keep: drop
-- it, repair the history, and the next start builds it again (README, "Kubernetes").
create index concurrently if not exists stac_item_box_idx on stac_item
    using gist (stac_item_box(bbox_min_x, bbox_min_y, bbox_max_x, bbox_max_y));
