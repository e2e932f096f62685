-- Stock and price per sku. The catalogue starts empty: the lab seeds it through PUT /admin/catalogue.
-- available: units that can be sold; reserved: units held for orders whose payment is in flight.
create table stock (
    sku         varchar(32) primary key,
    price_cents bigint      not null check (price_cents >= 0),
    available   integer     not null check (available >= 0),
    reserved    integer     not null default 0 check (reserved >= 0)
);

-- One reservation per order (order-service's order id): HELD, then CONFIRMED (sold) or RELEASED.
-- Keyed by the order id, so a reservation the mesh retries is made once.
create table reservations (
    order_id   uuid        primary key,
    status     varchar(16) not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table reservation_lines (
    order_id uuid        not null references reservations (order_id),
    sku      varchar(32) not null,
    quantity integer     not null check (quantity > 0),
    primary key (order_id, sku)
);
