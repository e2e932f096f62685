package dev.shoplab.loadtests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code ./shoplab stats} prints from the control API's figures: a column per architecture, a row per figure. */
class StatsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_window_without_orders_shows_no_latency_rather_than_zero_milliseconds() throws Exception {
        List<String> lines = print("""
                {"architectures": {
                  "monolith": {"offered": 5, "concluded": 5, "confirmed": 5, "rejected": 0, "failed": 0, "acceptP50": 7, "acceptP99": 30, "outcomeP50": 12, "outcomeP99": 41},
                  "distributed-monolith": {"offered": 5, "concluded": 0, "confirmed": 0, "rejected": 0, "failed": 0, "errors": 5, "acceptP50": 0, "acceptP99": 0,
                                           "outcomeP50": 0, "outcomeP99": 0}}}""");

        assertEquals(List.of("outcome p50 / p99 ms", "12 / 41", "–"), cells(row(lines, "outcome p50 / p99 ms")));
        assertEquals(List.of("accept p50 / p99 ms", "7 / 30", "–"), cells(row(lines, "accept p50 / p99 ms")));
        // 503s of a database away or a callee down are answers, so they are not called "no answer"
        assertEquals(List.of("concluded / s", "5 (5 ok, 0 rejected, 0 failed)", "0 (0 ok, 0 rejected, 0 failed) + 5 not placed"),
                cells(row(lines, "concluded / s")));
    }

    @Test
    void the_mesh_s_hops_do_not_widen_the_columns_of_the_other_rows() throws Exception {
        List<String> lines = print("""
                {"architectures": {
                  "distributed-monolith": {"offered": 40, "concluded": 40, "confirmed": 40, "rejected": 0, "failed": 0, "outcomeP50": 70, "outcomeP99": 200,
                    "meshTries": {"inventory-service": 80.0, "payment-service": 40.0, "notification-service": 40.0,
                                  "psp-simulator": 40.0, "mail-simulator": 40.0},
                    "meshEjected": ["payment-service", "psp-simulator", "inventory-service", "notification-service"]},
                  "event-driven": {"offered": 40, "concluded": 38, "confirmed": 38, "rejected": 0, "failed": 0, "outcomeP50": 90, "outcomeP99": 300,
                    "meshEjected": null}}}""");

        String header = lines.get(0);
        String offered = row(lines, "offered / s");
        assertEquals(header.indexOf("event-driven"), offered.lastIndexOf("40"), "columns line up:\n" + String.join("\n", lines));
        assertTrue(header.stripTrailing().length() < 80, "the distributed monolith's column is as wide as its other"
                + " figures, not as its mesh's hops:\n" + String.join("\n", lines));
        assertTrue(row(lines, "mesh tries / s").contains("inventory-service 80.0, payment-service 40.0"), lines.toString());
        assertEquals(List.of("mesh ejected", "payment-service, psp-simulator, inventory-service, notification-service",
                "–"), cells(row(lines, "mesh ejected")), "what outlier detection ejects now; – without a mesh");
        lines.forEach(line -> assertEquals(line.stripTrailing(), line, "no padding after the last column (a terminal "
                + "shows none, a copied line carries it)"));
    }

    private static List<String> print(String stats) throws Exception {
        JsonNode json = JSON.readTree(stats);
        StringWriter out = new StringWriter();
        new StatsCommand().print(json, new PrintWriter(out, true));
        return out.toString().lines().toList();
    }

    /** A row's label and cells: they are set apart by two spaces or more. */
    private static List<String> cells(String row) {
        return List.of(row.strip().split("\\s{2,}"));
    }

    private static String row(List<String> lines, String label) {
        return lines.stream().filter(line -> line.startsWith(label)).findFirst().orElseThrow(() ->
                new AssertionError("no row '" + label + "' in\n" + String.join("\n", lines)));
    }
}
