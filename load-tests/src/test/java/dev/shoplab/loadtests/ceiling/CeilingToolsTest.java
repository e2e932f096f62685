package dev.shoplab.loadtests.ceiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.infra.PgbenchScripts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ceiling tools' output is read right, and every architecture's pgbench scripts name their database. */
class CeilingToolsTest {

    @Test
    void pgbench_summary_is_read() {
        String output = """
                transaction type: monolith/bench/order.pgbench
                scaling factor: 1
                query mode: prepared
                number of clients: 8
                number of threads: 2
                maximum number of tries: 1
                duration: 6 s
                number of transactions actually processed: 4242
                number of failed transactions: 0 (0.000%)
                latency average = 11.315 ms
                initial connection time = 12.503 ms
                tps = 707.012345 (without initial connection time)
                """;
        Pgbench.Result r = Pgbench.parse(output);
        assertEquals(707.012345, r.scriptsPerSecond(), 1e-9);
        assertEquals(11.315, r.latencyMs(), 1e-9);
        assertEquals(0, r.failed());
        assertThrows(IllegalStateException.class, () -> Pgbench.parse("connection to server failed"));
    }

    @Test
    void a_script_names_its_database_in_its_header() {
        assertEquals("dm_order", PgbenchScripts.databaseOf("x.pgbench", "-- database: dm_order\nBEGIN;\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PgbenchScripts.databaseOf("x.pgbench", "BEGIN;\n"));
        assertTrue(e.getMessage().contains("-- database:"), e.getMessage());
    }

    @Test
    void every_architecture_has_one_script_per_database_it_owns() {
        LabHome home = LabHome.locate();
        assertEquals(3, Architectures.all().size());
        for (Architecture a : Architectures.all()) {
            assertEquals(a.databases().stream().sorted().toList(), databases(home, a.name()),
                    a.name() + "/bench: one pgbench script per database, each naming it in its header");
        }
    }

    private static List<String> databases(LabHome home, String architecture) {
        return PgbenchScripts.in(home.artifact(architecture + "/bench")).stream().map(PgbenchScripts.Script::database).sorted()
                .toList();
    }

    @Test
    void producer_performance_summary_is_read_from_its_last_line() {
        String output = """
                101231 records sent, 20246.2 records/sec (7.72 MB/sec), 1311.1 ms avg latency, 1930.0 ms max latency.
                200000 records sent, 31172.069825 records/sec (11.89 MB/sec), 1080.07 ms avg latency, 1930.00 ms max latency, 1114 ms 50th, 1766 ms 95th, 1894 ms 99th, 1925 ms 99.9th.
                """;
        assertEquals(31172.069825, ProducerPerf.parse(output), 1e-9);
        assertThrows(IllegalStateException.class, () -> ProducerPerf.parse("Exception in thread main"));
    }
}
