package dev.shoplab.lab.architecture;

/**
 * How the bench's audit reads an architecture's databases (read-only): three queries, each run on the
 * database that owns the data. Column names are part of the contract.
 *
 * @param ordersDatabase    the database that holds orders
 * @param ordersSql         one row per order: {@code order_id text, status text, total_cents bigint}
 * @param confirmedUnitsSql one row per sku sold: {@code sku text, units bigint} — units of CONFIRMED orders
 * @param stockDatabase     the database that holds stock
 * @param stockSql          one row per sku: {@code sku text, available bigint, reserved bigint}
 */
public record AuditQueries(String ordersDatabase, String ordersSql, String confirmedUnitsSql, String stockDatabase,
                           String stockSql) {
}
