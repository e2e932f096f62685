-- order-service: orders as the edge accepted them, their saga timeline, and a read model of the catalogue.

create table orders (
    id                   uuid          primary key,
    customer_id          varchar(100)  not null,
    status               varchar(10)   not null check (status in ('PENDING', 'CONFIRMED', 'REJECTED', 'FAILED')),
    reason               varchar(32),
    reason_detail        varchar(1000),
    total_cents          bigint        not null check (total_cents > 0),
    payment_token        varchar(100)  not null,
    -- same key + same request (fingerprint) = same order; same key + another request = 409
    idempotency_key      varchar(200)  unique,
    request_fingerprint  varchar(64)   not null,
    traceparent          varchar(55)   not null,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null
);
create index orders_pending on orders (created_at) where status = 'PENDING';

create table order_line (
    order_id          uuid         not null references orders (id),
    line_no           integer      not null,
    sku               varchar(64)  not null,
    quantity          integer      not null check (quantity between 1 and 100),
    unit_price_cents  bigint       not null check (unit_price_cents > 0),
    primary key (order_id, line_no)
);

-- Every saga event seen about an order, from any service: GET /api/orders/{id} shows it as the timeline.
create table order_timeline (
    event_id     uuid           primary key,
    order_id     uuid           not null,
    event_type   varchar(64)    not null,
    service      varchar(40)    not null,
    occurred_at  timestamptz    not null,
    recorded_at  timestamptz    not null,
    detail       varchar(1000)
);
create index order_timeline_by_order on order_timeline (order_id, occurred_at);

-- Read model of inventory's catalogue: prices to price orders with, stock to answer GET /api/inventory/{sku}.
-- Fed by inventory's events; a snapshot is applied only if its revision is newer than the row's.
create table stock_view (
    sku          varchar(64)  primary key,
    price_cents  bigint       not null,
    available    integer      not null,
    reserved     integer      not null,
    revision     bigint       not null,
    updated_at   timestamptz  not null
);
