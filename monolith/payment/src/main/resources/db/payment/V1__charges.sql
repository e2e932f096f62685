-- What came of each order's charge at the PSP (the order id is the PSP idempotency key).
-- status: CAPTURED, DECLINED, NOT_CHARGED, UNKNOWN, or REFUNDED once a late capture was refunded.
create table charges (
    order_id     uuid         primary key,
    status       varchar(16)  not null,
    charge_id    varchar(64),
    amount_cents bigint       not null,
    detail       varchar(300),
    recorded_at  timestamptz  not null,
    refunded_at  timestamptz
);

-- Charges whose outcome stayed unknown for orders that did not go through: checked with backoff
-- until check_until, and refunded if they show up captured.
create table late_capture_checks (
    order_id      uuid        primary key,
    amount_cents  bigint      not null,
    checks_done   integer     not null default 0,
    next_check_at timestamptz not null,
    check_until   timestamptz not null
);
create index late_capture_checks_due on late_capture_checks (next_check_at);
