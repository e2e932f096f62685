-- The bench's audit, event-driven: stock per sku (sku text, available bigint, reserved bigint).
-- Read-only, on the database that owns stock; the table is that of event-driven/inventory-service/src/main/resources/db/migration/V1__inventory.sql.
select sku, available::bigint as available, reserved::bigint as reserved from stock_item
