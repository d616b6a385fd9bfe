-- Who created a collection or an item through the STAC API: they may remove it, and replace or
-- remove what it holds, whoever uploaded the files in it. Null for what the worker made (and for
-- rows written before this column), where only the owners of the files in it may.
alter table stac_collection add column created_by text;
alter table stac_item add column created_by text;
