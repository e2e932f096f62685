-- The bench's audit, monolith: stock per sku (sku text, available bigint, reserved bigint).
-- Read-only, on the database that owns stock; the table is that of monolith/inventory/src/main/resources/db/inventory/V1__stock.sql.
select sku, available::bigint as available, reserved::bigint as reserved from inventory.stock
