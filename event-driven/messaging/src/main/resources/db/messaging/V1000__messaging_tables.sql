-- Messaging tables every event-driven service has in its own database (shoplab-ed-messaging).
-- Versions 1000+ are reserved for them; a service's own migrations use 1..999.

-- Pattern: transactional outbox. A service writes its state change and the events it implies in
-- one local transaction; the relay publishes unpublished rows in id order and stamps them.
create table outbox_message (
    id            bigserial    primary key,
    event_id      uuid         not null unique,
    topic         varchar(100) not null,
    message_key   varchar(200) not null,
    event_type    varchar(64)  not null,
    order_id      varchar(64),
    envelope      text         not null,
    traceparent   varchar(55)  not null,
    created_at    timestamptz  not null,
    published_at  timestamptz
);
create index outbox_message_unpublished on outbox_message (id) where published_at is null;

-- Pattern: idempotent consumer. A row per event this service has applied, written in the same
-- transaction as the state change, so a redelivered event is recognised and skipped.
create table processed_event (
    event_id      uuid         primary key,
    event_type    varchar(64)  not null,
    topic         varchar(100) not null,
    processed_at  timestamptz  not null
);
