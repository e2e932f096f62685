package dev.shoplab.loadtests.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
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
            int port = URI.create(up.pageUrl()).getPort();
            int[] ephemeral = ephemeralRange();
            assertFalse(port >= ephemeral[0] && port <= ephemeral[1], "the control API's port " + port + " is clear of"
                    + " the kernel's ephemeral range " + ephemeral[0] + "-" + ephemeral[1] + ", as every port of the lab");
            int traces = up.output().lines().filter(l -> l.startsWith("traces: received here, "))
                    .map(l -> URI.create(l.split(" ")[3]).getPort()).findFirst().orElseThrow();
            assertFalse(traces >= ephemeral[0] && traces <= ephemeral[1], "the trace receiver's port " + traces
                    + " is clear of the kernel's ephemeral range too");
            // the control API takes the token as every admin endpoint does: the scheme in any case, the token exactly
            assertEquals(200, DemoProcess.get(up.pageUrl() + "/api/lab", Optional.of("bearer " + up.token())).statusCode());
            assertEquals(401, DemoProcess.get(up.pageUrl() + "/api/lab", Optional.of("Bearer " + up.token() + "x"))
                    .statusCode());
            // a client's mistakes are 4xx problems, never the 500 of an exception nobody read
            JsonNode unknown = up.api("PUT", "/api/lab/load", "{\"rate\": 1, \"architectures\": [\"nope\"]}");
            assertEquals(422, unknown.path("status").asInt(), unknown.toString());
            assertTrue(unknown.path("detail").asText().contains("'nope' does not run here"), unknown.toString());
            assertEquals(422, up.api("DELETE", "/api/lab/load?arch=nope", null).path("status").asInt());
            JsonNode fraction = up.api("PUT", "/api/lab/load", "{\"rate\": 1, \"clientRetries\": 2.5}");
            assertEquals(422, fraction.path("status").asInt(), "2.5 retries is no number of retries: " + fraction);
            assertTrue(fraction.path("detail").asText().contains("clientRetries: a whole number"), fraction.toString());
            // a service of the distributed architectures, against the monolith alone: its bounded context is offered
            JsonNode noService = up.api("POST", "/api/lab/faults", "{\"action\": \"kill\", \"target\": "
                    + "\"payment-service\"}");
            assertEquals(422, noService.path("status").asInt(), noService.toString());
            assertTrue(noService.path("detail").asText().contains("processes: monolith [monolith]. 'payment' names the"
                    + " bounded context"), noService.toString());
            String twoHosts = rawGet(up.pageUrl(), "GET /api/lab HTTP/1.1\r\nHost: " + authority(up) + "\r\nHost: "
                    + authority(up) + "\r\nAuthorization: Bearer " + up.token() + "\r\nConnection: close\r\n\r\n");
            assertTrue(twoHosts.startsWith("HTTP/1.1 400 "), twoHosts);
            assertTrue(twoHosts.contains("application/problem+json"), twoHosts);
            String noHost = rawGet(up.pageUrl(), "GET /api/lab HTTP/1.1\r\nAuthorization: Bearer " + up.token()
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(noHost.startsWith("HTTP/1.1 400 ") && noHost.contains("Send a Host header"), noHost);
            JsonNode twice = up.api("PUT", "/api/lab/load", "{\"rate\": 0, \"rate\": 1}");
            assertEquals(400, twice.path("status").asInt(), "which rate? " + twice);
            assertTrue(twice.path("detail").asText().contains("Duplicate field 'rate'"), twice.toString());
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

    /** The kernel's ephemeral port range, as this machine has it. */
    private static int[] ephemeralRange() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String[] bounds = reader.readLine().trim().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        }
    }

    private static String authority(DemoProcess up) {
        return up.pageUrl().substring("http://".length());
    }

    /** What the control API answers to a request written byte for byte (a client may send what no library does). */
    private static String rawGet(String url, String request) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static int shoplab(String... args) {
        return Verbs.run(args).code();
    }
}
