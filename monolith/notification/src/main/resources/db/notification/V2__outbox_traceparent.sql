-- The W3C traceparent of the request that wrote the message, so that its delivery (after commit, on the relay's
-- thread) is a span of the order's trace (docs/adr/0014-tracing-with-opentelemetry.md). Null while tracing is off.
alter table outbox add column traceparent varchar(55);
