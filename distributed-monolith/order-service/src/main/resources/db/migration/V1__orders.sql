-- Orders and their lines. An order is PENDING while order-service calls the other services, and ends
-- CONFIRMED, REJECTED or FAILED. idempotency_key: the client's Idempotency-Key; request_fingerprint:
-- SHA-256 of the request it was first used for; payment_id: the payment at payment-service, if any.
-- Skus, stock and money live in the other services' databases: no foreign key can reach them.
create table orders (
    id                  uuid         primary key,
    customer_id         varchar(100) not null,
    status              varchar(16)  not null,
    reason              varchar(32),
    total_cents         bigint       not null check (total_cents >= 0),
    idempotency_key     varchar(200) constraint orders_idempotency_key_unique unique,
    request_fingerprint varchar(64)  not null,
    payment_id          uuid,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);
create index orders_pending on orders (created_at) where status = 'PENDING';

create table order_lines (
    order_id         uuid        not null references orders (id),
    line_no          integer     not null,
    sku              varchar(32) not null,
    quantity         integer     not null check (quantity > 0),
    unit_price_cents bigint      not null check (unit_price_cents >= 0),
    primary key (order_id, line_no)
);
