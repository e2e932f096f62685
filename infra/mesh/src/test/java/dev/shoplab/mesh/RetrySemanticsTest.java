package dev.shoplab.mesh;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Istio retry semantics against real upstream servers: attempts, retryOn, perTryTimeout, route timeout, replay. */
class RetrySemanticsTest {

    @RegisterExtension
    static final UpstreamServers UPSTREAMS = new UpstreamServers();

    @TempDir
    Path dir;

    @Test
    void a_destination_that_always_answers_503_receives_exactly_one_plus_attempts_tries() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(503, "busy"));
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     retries:
                       attempts: 3
                       perTryTimeout: 5s
                       retryOn: 5xx,gateway-error,connect-failure,reset
                     """), up.address())) {
            HttpResponse<String> response = mesh.get("/api/thing");

            assertEquals(503, response.statusCode());
            assertEquals("busy", response.body(), "the client sees the last upstream answer");
            assertEquals(4, up.count(), "attempts: 3 means 3 retries after the first try");
            assertEquals(List.of("1", "2", "3", "4"), up.seen().stream().map(TestUpstream.Seen::attempt).toList());
            assertEquals(List.of("1", "2", "3", "4"), up.seen().stream().map(TestUpstream.Seen::envoyCount).toList());
            assertEquals("4", response.headers().firstValue("x-envoy-attempt-count").orElseThrow());
            assertEquals(3, mesh.mesh().metrics().retries.value("svc", "main"));
            // counted once the answer has been written, which the client may read first
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> assertEquals(4,
                    mesh.mesh().metrics().requestTries.value("svc", "main"), "the request's tries, once answered"));
        }
    }

    @Test
    void an_upstream_503_that_says_it_is_overloaded_is_retried_like_any_503() throws Exception {
        // Envoy stopped exempting x-envoy-overloaded answers from retries in 1.15 (envoyproxy/envoy#10706): an
        // inbound sidecar's overflow on a cluster is retried by the caller's outbound one
        try (TestUpstream up = UPSTREAMS.start((req, body, n) -> {
            if (n == 1) {
                req.response().setStatusCode(503).putHeader("x-envoy-overloaded", "true").end("overflow");
            } else {
                req.response().end("served");
            }
        }); MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                retries:
                  attempts: 3
                  retryOn: 5xx
                """), up.address())) {
            HttpResponse<String> response = mesh.get("/api/thing");

            assertEquals("served", response.body());
            assertEquals(2, up.count());
        }
    }

    @Test
    void a_slow_try_is_cut_at_per_try_timeout_and_the_client_gets_the_answer_of_the_retry() throws Exception {
        try (TestUpstream up = UPSTREAMS.start((req, body, n) -> {
            if (n > 1) {
                req.response().end("answer of try " + req.getHeader("x-shoplab-attempt"));
            }
        }); MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                retries:
                  attempts: 3
                  perTryTimeout: 1s
                  retryOn: 5xx,gateway-error,connect-failure,reset
                """), up.address())) {
            // 1 s per try, not less: the upstream counts a try once its own busy event loop has read it
            long start = System.nanoTime();
            HttpResponse<String> response = mesh.get("/slow");
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertEquals(200, response.statusCode());
            assertEquals("answer of try 2", response.body());
            assertEquals(2, up.count());
            assertTrue(tookMs >= 1000, "the first try was given its 1 s, took " + tookMs);
            assertTrue(tookMs < 5000, "the slow try was cut, not waited for: took " + tookMs);
            assertEquals(1, mesh.mesh().metrics().perTryTimeouts.value("svc", "main"));
        }
    }

    @Test
    void when_every_try_times_out_the_mesh_answers_504_after_one_plus_attempts_tries() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.hanging());
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     retries:
                       attempts: 2
                       perTryTimeout: 1s
                       retryOn: gateway-error
                     """), up.address())) {
            // 1 s per try: a shorter one could end the third try before the upstream's event loop counted it
            HttpResponse<String> response = mesh.get("/hangs");

            assertEquals(504, response.statusCode());
            assertEquals("upstream request timeout", response.body());
            assertEquals(3, up.count());
        }
    }

    @Test
    void a_500_is_not_retried_when_retry_on_is_gateway_error() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(500, "bug"));
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     retries:
                       attempts: 3
                       retryOn: gateway-error
                     """), up.address())) {
            HttpResponse<String> response = mesh.get("/x");

            assertEquals(500, response.statusCode());
            assertEquals(1, up.count());
            assertEquals(0, mesh.mesh().metrics().retries.value("svc", "main"));
        }
    }

    @Test
    void a_4xx_answer_is_not_retried_under_5xx() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(409, "conflict"));
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     retries:
                       attempts: 3
                       retryOn: 5xx,connect-failure,reset
                     """), up.address())) {
            assertEquals(409, mesh.get("/x").statusCode());
            assertEquals(1, up.count());
        }
    }

    @Test
    void status_codes_listed_in_retry_on_are_retried_and_other_statuses_are_not() throws Exception {
        try (TestUpstream up = UPSTREAMS.start((req, body, n) ->
                req.response().setStatusCode(Integer.parseInt(req.getParam("status"))).end());
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     retries:
                       attempts: 2
                       retryOn: 429,connect-failure
                     """), up.address())) {
            assertEquals(429, mesh.get("/x?status=429").statusCode());
            assertEquals(3, up.count(), "429 is a retriable status code: 1 + 2 tries");

            assertEquals(503, mesh.get("/x?status=503").statusCode());
            assertEquals(4, up.count(), "503 is not in the list once retryOn is given: one try");

            HttpResponse<String> viaHeader = mesh.send(mesh.request("/x?status=418")
                    .header("x-envoy-retriable-status-codes", "418").GET().build());
            assertEquals(418, viaHeader.statusCode());
            assertEquals(7, up.count(), "x-envoy-retriable-status-codes adds 418 for this request: 1 + 2 tries");
        }
    }

    @Test
    void a_connect_failure_is_retried_and_the_retry_goes_to_another_endpoint() throws Exception {
        Upstream dead = closedPort();
        try (TestUpstream alive = UPSTREAMS.start(TestUpstream.answering(200, "ok"));
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     retries:
                       attempts: 1
                       retryOn: connect-failure
                     """), dead, alive.address())) {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> response = mesh.get("/x");
                assertEquals(200, response.statusCode(), "request " + i);
            }
            long failures = mesh.mesh().metrics().tries.value("svc", "main", dead.toString(), "connect_failure");
            assertTrue(failures >= 1, "round robin sent some first tries to the dead endpoint");
            assertEquals(failures, mesh.mesh().metrics().retries.value("svc", "main"),
                    "every connect failure was retried, on the live endpoint");
        }
    }

    @Test
    void a_connect_failure_is_not_retried_when_retry_on_leaves_it_out() throws Exception {
        Upstream dead = closedPort();
        try (MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                retries:
                  attempts: 3
                  retryOn: retriable-4xx
                """), dead)) {
            HttpResponse<String> response = mesh.get("/x");

            assertEquals(503, response.statusCode());
            assertTrue(response.body().contains("reset reason: connection failure"), response.body());
            assertEquals(1, mesh.mesh().metrics().tries.value("svc", "main", dead.toString(), "connect_failure"));
        }
    }

    @Test
    void a_connection_reset_before_the_answer_is_retried_under_reset() throws Exception {
        try (TestUpstream up = UPSTREAMS.start((req, body, n) -> {
            if (n == 1) {
                req.connection().close();
            } else {
                req.response().end("second");
            }
        }); MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                retries:
                  attempts: 1
                  retryOn: reset
                """), up.address())) {
            HttpResponse<String> response = mesh.get("/x");

            assertEquals(200, response.statusCode());
            assertEquals("second", response.body());
            assertEquals(1, mesh.mesh().metrics().tries.value("svc", "main", up.address().toString(), "reset"));
        }
    }

    @Test
    void the_route_timeout_bounds_the_whole_call_including_retries() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.hanging());
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     timeout: 1s
                     retries:
                       attempts: 10
                       perTryTimeout: 300ms
                       retryOn: 5xx
                     """), up.address())) {
            long start = System.nanoTime();
            HttpResponse<String> response = mesh.get("/x");
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertEquals(504, response.statusCode());
            assertTrue(tookMs >= 1000, "not before the route timeout: " + tookMs);
            assertTrue(tookMs < 3000, "the route timeout cut the retries short: " + tookMs);
            assertTrue(up.count() >= 2 && up.count() <= 4, "about 1 s / 300 ms tries, not 11: " + up.count());
            assertEquals(1, mesh.mesh().metrics().routeTimeouts.value("svc", "main"));
        }
    }

    @Test
    void a_post_body_is_replayed_intact_on_every_retry() throws Exception {
        byte[] payload = new byte[256 * 1024];
        new Random(7).nextBytes(payload);
        try (TestUpstream up = UPSTREAMS.start((req, body, n) ->
                req.response().setStatusCode(n < 3 ? 503 : 201).end("stored " + body.length()));
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     retries:
                       attempts: 3
                       retryOn: 5xx
                     """), up.address())) {
            HttpResponse<String> response = mesh.send(mesh.request("/psp/charges")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build());

            assertEquals(201, response.statusCode());
            assertEquals(3, up.count());
            for (TestUpstream.Seen seen : up.seen()) {
                assertEquals("POST", seen.method());
                assertArrayEquals(payload, seen.body().getBytes(), "try " + seen.attempt() + " got the whole body");
            }
        }
    }

    @Test
    void a_host_without_a_virtual_service_gets_istios_default_retries_on_503_only() throws Exception {
        try (TestUpstream up = UPSTREAMS.start((req, body, n) ->
                req.response().setStatusCode(Integer.parseInt(req.getParam("status"))).end());
             MeshHarness mesh = MeshHarness.start(dir, "# no policy for svc\n", up.address())) {
            assertEquals(503, mesh.get("/x?status=503").statusCode());
            assertEquals(3, up.count(), "Istio's default: 2 retries on retriable-status-codes 503");
            assertEquals(502, mesh.get("/x?status=502").statusCode());
            assertEquals(4, up.count(), "502 is not retried by the default policy");
        }
    }

    @Test
    void a_body_larger_than_the_replay_buffer_is_refused_with_a_413_problem_and_not_forwarded() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(200, "ok"));
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("timeout: 5s"), 1024, up.address())) {
            HttpResponse<String> response = mesh.send(mesh.request("/upload")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build());

            assertEquals(413, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("content-type").orElseThrow());
            assertTrue(response.body().contains("https://shoplab.dev/problems/mesh/payload-too-large"), response.body());
            assertEquals(0, up.count());
        }
    }

    @Test
    void a_request_no_route_of_the_virtual_service_matches_gets_404_and_is_not_forwarded() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(200, "ok"));
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     match:
                       - uri:
                           prefix: /api/
                     """), up.address())) {
            assertEquals(200, mesh.get("/api/orders").statusCode());
            assertEquals(404, mesh.get("/admin").statusCode());
            assertEquals(1, up.count());
        }
    }

    /** An address where nothing listens: a port just released by a server. */
    private static Upstream closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Upstream("127.0.0.1", s.getLocalPort());
        }
    }
}
