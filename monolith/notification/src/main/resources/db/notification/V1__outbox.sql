-- The outbox: every customer message, written in the transaction that concluded its order and
-- delivered after commit, at least once. message_id (order id + kind) is also the id the mail
-- provider deduplicates on. Delivered rows stay, with the time of delivery, as the shop's record.
create table outbox (
    message_id      varchar(80)  primary key,
    order_id        uuid         not null,
    recipient       varchar(200) not null,
    kind            varchar(32)  not null,
    created_at      timestamptz  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    delivered_at    timestamptz,
    last_error      varchar(300)
);
create index outbox_undelivered on outbox (next_attempt_at) where delivered_at is null;
