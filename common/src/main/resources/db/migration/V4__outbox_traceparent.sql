-- The W3C trace context (traceparent) of the request or consumer that wrote the event, so that the
-- relay, which publishes later on a thread of its own, continues the same trace on Kafka.
alter table outbox add column traceparent text;
