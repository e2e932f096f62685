package dev.shoplab.lab.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

    /** The file names the queries are read from by {@link #fromResources}. */
    private static final String ORDERS = "orders.sql";
    private static final String CONFIRMED_UNITS = "confirmed-units.sql";
    private static final String STOCK = "stock.sql";

    /**
     * The three queries from an architecture's own resources: {@code <folder>/orders.sql},
     * {@code confirmed-units.sql} and {@code stock.sql}, loaded with {@code owner}'s class loader.
     *
     * @throws IllegalStateException when a file is missing
     */
    public static AuditQueries fromResources(Class<?> owner, String folder, String ordersDatabase,
                                             String stockDatabase) {
        return new AuditQueries(ordersDatabase, read(owner, folder, ORDERS), read(owner, folder, CONFIRMED_UNITS),
                stockDatabase, read(owner, folder, STOCK));
    }

    private static String read(Class<?> owner, String folder, String file) {
        String resource = folder + "/" + file;
        try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The audit query " + resource + " of " + owner.getName()
                        + " is missing from its module's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
