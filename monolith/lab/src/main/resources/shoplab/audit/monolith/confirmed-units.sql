-- The bench's audit, monolith: units sold per sku (sku text, units bigint), CONFIRMED orders only.
-- Read-only, on the database that owns orders; the tables are those of monolith/order/src/main/resources/db/orders/V1__orders.sql.
select l.sku, sum(l.quantity)::bigint as units
  from orders.order_lines l
  join orders.orders o on o.id = l.order_id
 where o.status = 'CONFIRMED'
 group by l.sku
