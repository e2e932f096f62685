-- The bench's audit, event-driven: one row per order (order_id text, status text, total_cents bigint).
-- Read-only, on the database that owns orders; the tables are those of event-driven/order-service/src/main/resources/db/migration/V1__orders.sql.
select id::text as order_id, status, total_cents from orders
