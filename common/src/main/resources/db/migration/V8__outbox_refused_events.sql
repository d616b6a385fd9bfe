-- An event Kafka refuses for what it holds (larger than the broker takes, say) would otherwise be
-- retried for good and hold back every event written after it. The relay sets it aside with
-- Kafka's reason, where an operator can see it; it is neither sent nor purged.
alter table outbox add column refused_at timestamptz, add column refusal text;
drop index outbox_unsent_idx;
create index outbox_unsent_idx on outbox (id) where sent_at is null and refused_at is null;
create index outbox_refused_idx on outbox (id) where refused_at is not null;
