-- Stock and price per sku. The catalogue starts empty: the lab seeds it through PUT /admin/catalogue.
-- available: units that can be sold; reserved: units held for orders whose payment is in flight.
-- The check constraints are the last line of defence of StockMustNotGoNegative.
create table stock (
    sku         varchar(32) primary key,
    price_cents bigint      not null check (price_cents >= 0),
    available   integer     not null check (available >= 0),
    reserved    integer     not null default 0 check (reserved >= 0)
);
