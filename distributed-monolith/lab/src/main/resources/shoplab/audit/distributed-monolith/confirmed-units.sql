-- The bench's audit, distributed-monolith: units sold per sku (sku text, units bigint), CONFIRMED orders only.
-- Read-only, on the database that owns orders; the tables are those of distributed-monolith/order-service/src/main/resources/db/migration/V1__orders.sql.
select l.sku, sum(l.quantity)::bigint as units
  from order_lines l
  join orders o on o.id = l.order_id
 where o.status = 'CONFIRMED'
 group by l.sku
