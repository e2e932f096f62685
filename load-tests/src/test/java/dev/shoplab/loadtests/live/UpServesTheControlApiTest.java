package dev.shoplab.loadtests.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./shoplab up} serves the same control API as the demo (found through the lab's {@code LabControl}): a verb
 * from a second terminal drives it, and it is gone with the command.
 */
class UpServesTheControlApiTest {

    @TempDir
    Path state;

    @Test
    void up_monolith_is_driven_by_the_verbs_and_withdraws_its_control_file_when_it_stops() throws Exception {
        String before = System.getProperty("shoplab.state-dir");
        System.setProperty("shoplab.state-dir", state.toString());
        try (DemoProcess up = DemoProcess.up("monolith", state, state.resolve("up.out"), Duration.ofMinutes(4))) {
            assertTrue(Files.list(state.resolve("control")).anyMatch(f -> f.toString().endsWith(up.pid() + ".json")),
                    "up publishes where its control API is");
            assertEquals(0, shoplab("load", "--rate", "4"));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    up.api("GET", "/api/lab/stats", null).path("architectures").path("monolith").path("concluded")
                            .asInt() > 0);
            upTracesEveryOrder(up);
            assertEquals(0, shoplab("fault", "psp", "--error-rate", "1", "--for", "30"));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    up.api("GET", "/api/lab/stats", null).path("architectures").path("monolith").path("failed")
                            .asInt() > 0);
            assertTrue(up.output().contains("on:  PSP 100 % errors for 30 s"), "up tells its terminal what happens:\n"
                    + up.output());
            assertEquals(0, shoplab("fault", "clear"));
            assertTrue(up.terminate(Duration.ofMinutes(1)), up.output());
            assertTrue(Files.list(state.resolve("control")).findAny().isEmpty(), "the control file is withdrawn");
            assertEquals(2, shoplab("stats"));
        } finally {
            if (before == null) {
                System.clearProperty("shoplab.state-dir");
            } else {
                System.setProperty("shoplab.state-dir", before);
            }
        }
    }

    /**
     * up runs its own trace receiver: an order placed at its edge is one trace from the edge to the PSP and the mail
     * provider, found by the order's id, and the slowest order of the last seconds is one of the monolith's.
     */
    private static void upTracesEveryOrder(DemoProcess up) {
        assertTrue(up.output().contains("traces: received here"), up.output());
        assertTrue(up.api("GET", "/api/lab", null).path("traces").path("available").asBoolean());
        String edge = up.api("GET", "/api/lab", null).path("architectures").get(0).path("edge").asText();
        String orderId = DemoProcess.placeOrder(edge).path("orderId").asText();
        JsonNode trace = await("the trace of order " + orderId).atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> up.api("GET", "/api/lab/trace?orderId=" + orderId, null).path("trace"),
                        t -> t.path("whole").asBoolean() && services(t).containsAll(Set.of("monolith", "simulators"))
                                && t.path("spans").findValuesAsText("name").stream().anyMatch(n -> n.contains("mail")));
        assertEquals("monolith", trace.path("architecture").asText());
        assertEquals(orderId, trace.path("orderId").asText());
        assertEquals("POST /api/orders", trace.path("spans").get(0).path("name").asText(), trace.toString());
        assertEquals(0, trace.path("spans").get(0).path("depth").asInt());
        long shares = 0;
        for (JsonNode share : trace.path("whereTheTimeWent")) {
            shares += share.path("nanos").asLong();
        }
        assertEquals(trace.path("durationNanos").asLong(), shares, "the time shares add up to the order's duration");

        JsonNode slowest = up.api("GET", "/api/lab/trace?window=60&arch=monolith", null);
        assertEquals("monolith", slowest.path("trace").path("architecture").asText(), slowest.toString());
        JsonNode unknown = up.api("GET", "/api/lab/trace?window=10&arch=mainframe", null);
        assertEquals(422, unknown.path("status").asInt(), unknown.toString());
        assertTrue(unknown.path("detail").asText().contains("mainframe"), unknown.toString());
    }

    private static Set<String> services(JsonNode trace) {
        return new HashSet<>(trace.path("spans").findValuesAsText("service"));
    }

    private static int shoplab(String... args) {
        return Verbs.run(args).code();
    }
}
