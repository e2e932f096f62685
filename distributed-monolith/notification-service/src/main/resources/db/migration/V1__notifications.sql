-- One row per notification request that order-service sent (so a request the mesh retried is two rows).
-- notification_id is also the message id the mail provider sees.
create table notifications (
    notification_id uuid         primary key,
    order_id        uuid         not null,
    kind            varchar(32)  not null,
    recipient       varchar(200) not null,
    status          varchar(16)  not null,
    failure         varchar(300),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create index notifications_by_order on notifications (order_id);
