-- The relay sends no row while an earlier unsent row of its key remains (OutboxRelay): it looks for
-- those on this index, not by scanning every unsent row while it holds its batch's locks.
-- Concurrently, alone in its migration so that Flyway runs it outside a transaction: outbox inserts,
-- so uploads, go on while it builds. A build that fails leaves an invalid index, which "if not
-- exists" would keep: drop it, repair the history, and the next start builds it again (README,
-- "Kubernetes").
create index concurrently if not exists outbox_unsent_key_idx on outbox (message_key, id) where sent_at is null and refused_at is null;
