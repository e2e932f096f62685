-- inventory-service owns the catalogue: price and stock per sku, and what is held for which order.

create table stock_item (
    sku          varchar(64)  primary key,
    price_cents  bigint       not null check (price_cents > 0),
    -- StockMustNotGoNegative, enforced by the database as well as by the domain code
    available    integer      not null check (available >= 0),
    reserved     integer      not null check (reserved >= 0),
    sold         integer      not null check (sold >= 0),
    -- grows with every change; the edge's read model applies a snapshot only if it is newer
    revision     bigint       not null,
    updated_at   timestamptz  not null
);

-- One row per order inventory has decided on: RESERVED, then SOLD or RELEASED; or REFUSED (nothing held).
create table reservation (
    order_id     varchar(64)  primary key,
    state        varchar(16)  not null check (state in ('RESERVED', 'SOLD', 'RELEASED', 'REFUSED')),
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);

create table reservation_line (
    order_id     varchar(64)  not null references reservation (order_id),
    sku          varchar(64)  not null,
    quantity     integer      not null check (quantity > 0),
    primary key (order_id, sku)
);
