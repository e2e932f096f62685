-- payment-service: one row per order it has heard of, from the first fact to the last PSP call.

create table payment (
    order_id            varchar(64)   primary key,
    state               varchar(16)   not null check (state in ('NEW', 'AWAITING_STOCK', 'AWAITING_ORDER',
                            'CHARGING', 'CAPTURED', 'DECLINED', 'GAVE_UP', 'RECONCILING', 'REFUNDED', 'CANCELLED')),
    amount_cents        bigint,
    payment_token       varchar(100),
    -- the same key on every attempt: the PSP returns the first result instead of charging again
    idempotency_key     varchar(100)  not null unique,
    attempts            integer       not null,
    -- attempts whose outcome is unknown (the answer was lost): if we give up, we must reconcile
    unknown_outcomes    integer       not null,
    next_attempt_at     timestamptz,
    lease_until         timestamptz,
    reconcile_until     timestamptz,
    charge_id           varchar(100),
    refund_id           varchar(100),
    refunded_cents      bigint        not null default 0,
    last_failure        varchar(1000),
    traceparent         varchar(55),
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null
);
create index payment_due on payment (next_attempt_at) where state in ('CHARGING', 'RECONCILING');
