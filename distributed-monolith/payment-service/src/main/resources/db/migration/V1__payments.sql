-- One row per charge request that order-service sent (so a request the mesh retried is two rows).
-- payment_id is also the idempotency key the PSP sees; order_id is the PSP charge's reference.
create table payments (
    payment_id     uuid        primary key,
    order_id       uuid        not null,
    amount_cents   bigint      not null check (amount_cents > 0),
    status         varchar(16) not null,
    psp_charge_id  varchar(64),
    failure        varchar(300),
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index payments_by_order on payments (order_id);
