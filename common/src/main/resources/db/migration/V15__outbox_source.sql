-- The service that wrote the event, published as its CloudEvents source whichever service relays it.
-- Rows written before are relayed under the relaying service's name, as they were.
alter table outbox add column source text;
