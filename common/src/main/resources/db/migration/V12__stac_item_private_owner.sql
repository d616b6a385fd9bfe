-- Whose an item is, when it is private: the owner of the file uploaded through the file API (no STAC
-- target) that the worker catalogued into it, as private in the catalog as that file is on the file
-- API (its owner's and files_admin's). Null for a shared item: made through the STAC API, or holding
-- files uploaded to its assets through the STAC API. Kept on the item, not derived from its assets,
-- so that deleting the asset or replacing its file does not make the item (geometry and properties
-- read from the private file) public; and indexed, so that a reader's page stays an index scan.
alter table stac_item add column private_owner text;

-- Items made before this column: the rule the status-service applied until now, an item holding a
-- file uploaded through the file API is that file's owner's.
update stac_item i set private_owner = f.owner
from stac_asset a join file f on f.id = a.file_id
where a.collection_id = i.collection_id and a.item_id = i.id and f.stac_collection is null;

-- A reader's list and search (status-service ItemQuery) read the shared items and their own in two
-- keyset-ordered branches, each on its index; files_admin reads stac_item_pkey.
create index stac_item_shared_idx on stac_item (collection_id, id) where private_owner is null;
create index stac_item_private_owner_idx on stac_item (private_owner, collection_id, id) where private_owner is not null;
