-- Item search sorted by id for callers other than files_admin: the branch of their own private
-- items in id order (the shared branch and files_admin read stac_item_id_idx of V3, in id order
-- already). Without it that branch read the id index from the start for every page, past every
-- other owner's items. Concurrently, as V19.
create index concurrently if not exists stac_item_private_id_idx
    on stac_item (private_owner, id, collection_id) where private_owner is not null;
