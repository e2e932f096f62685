-- notification-service: one notification per terminal order, written when the order event is consumed
-- and sent afterwards (an outbox of mails); the message id makes the provider keep one message per order.

create table notification (
    order_id         varchar(64)   primary key,
    kind             varchar(20)   not null check (kind in ('ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_FAILED')),
    recipient        varchar(255)  not null,
    message_id       varchar(255)  not null unique,
    state            varchar(10)   not null check (state in ('PENDING', 'SENT', 'REFUSED')),
    attempts         integer       not null,
    next_attempt_at  timestamptz,
    lease_until      timestamptz,
    last_failure     varchar(1000),
    sent_at          timestamptz,
    traceparent      varchar(55)   not null,
    created_at       timestamptz   not null
);
create index notification_due on notification (next_attempt_at) where state = 'PENDING';
