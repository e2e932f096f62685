-- The bench's audit, distributed-monolith: stock per sku (sku text, available bigint, reserved bigint).
-- Read-only, on the database that owns stock; the table is that of distributed-monolith/inventory-service/src/main/resources/db/migration/V1__stock_and_reservations.sql.
select sku, available::bigint as available, reserved::bigint as reserved from stock
