-- The service that wrote the event, published as its CloudEvents source whichever service relays it.
-- Rows written before are relayed under the relaying service's name, as they were.
-- The change waits for the relays' rounds that hold outbox rows (up to their publish timeout), and
-- every outbox insert, so every upload, would queue behind it meanwhile: it gives up after a few
-- seconds instead, the service's start fails, and the next start tries again.
set local lock_timeout = '5s';
alter table outbox add column source text;
