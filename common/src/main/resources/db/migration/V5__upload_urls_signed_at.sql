-- When the part URLs of a STAC asset upload were last signed. Parts go straight to storage, so the
-- service sees no change while a client sends them; a client can send parts until the last URLs it
-- was given expire, and the sweep of abandoned uploads counts from that signing too.
alter table upload add column urls_signed_at timestamptz;
