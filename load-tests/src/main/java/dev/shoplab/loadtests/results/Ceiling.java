package dev.shoplab.loadtests.results;

import java.util.List;

/**
 * The machine's ceiling for one architecture's own work, measured in the same bench on the same PostgreSQL and
 * Kafka, right after the architecture's saturation run (ADR 0018): how many orders per second the servers could
 * carry if nothing but the order's SQL (and, for the event-driven system, its events) had to be done.
 *
 * @param architecture   the architecture
 * @param sql            its SQL ceiling, or null when pgbench is missing or the architecture has no script
 * @param kafka          its Kafka producer ceiling, or null when it uses no broker
 * @param ordersPerSecond the combined ceiling: one order's SQL and events take the machine
 *                       {@code Σ 1/parts} seconds, so this is their harmonic combination; null when nothing was
 *                       measured
 * @param notes          what could not be measured, and why (pgbench missing …)
 */
public record Ceiling(String architecture, Sql sql, Kafka kafka, Double ordersPerSecond, List<String> notes) {

    /**
     * The SQL ceiling: pgbench ran each part alone, one after the other.
     *
     * @param tool            the pgbench version and options
     * @param parts           one per database the order touches
     * @param ordersPerSecond {@code 1 / Σ (1 / part.scriptsPerSecond)}: each part's script is that database's share of one
     *                        order
     */
    public record Sql(String tool, List<SqlPart> parts, double ordersPerSecond) {
    }

    /**
     * One database's share of an order, as pgbench ran it.
     *
     * @param database         the database
     * @param script           the script, relative to the checkout
     * @param scriptsPerSecond script runs per second (pgbench's tps: one run is this database's share of one order)
     * @param latencyMs        pgbench's average latency of one script run
     */
    public record SqlPart(String database, String script, double scriptsPerSecond, double latencyMs) {
    }

    /**
     * The Kafka ceiling: Kafka's own producer performance tool sending records of the saga's mean size.
     *
     * @param tool             the tool and its settings
     * @param recordBytes      the mean size of the saga's records (key, value and headers) measured in the run
     * @param eventsPerOrder   records the saga wrote per order in the run
     * @param recordsPerSecond what the producer sustained
     * @param ordersPerSecond  {@code recordsPerSecond / eventsPerOrder}
     */
    public record Kafka(String tool, int recordBytes, double eventsPerOrder, double recordsPerSecond,
                        double ordersPerSecond) {
    }
}
