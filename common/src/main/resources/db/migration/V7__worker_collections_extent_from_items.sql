-- The collections the processing worker makes (one per source type) were stored with an extent of
-- the whole world and no time, so the STAC API never answered with the extent of their items.
update stac_collection set extent = null
where description like 'Files uploaded to GeoIngest with source type %, catalogued by the processing worker.'
  and extent = '{"spatial": {"bbox": [[-180, -90, 180, 90]]}, "temporal": {"interval": [[null, null]]}}'::jsonb;
