-- The W3C trace context (traceparent, tracestate) the event was written in: the relay sends it as Kafka headers of the
-- same names, so its consumers' spans join the trace of the request that made the change. Null for a row written
-- outside any trace (a scheduled job) and for rows older than these columns: they are sent as before, without it.
alter table outbox_event add column traceparent text, add column tracestate text;
