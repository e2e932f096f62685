package dev.shoplab.mesh;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Outlier detection against real endpoints: ejection, time out of service, return, no healthy upstream. */
class OutlierDetectionTest {

    @RegisterExtension
    static final UpstreamServers UPSTREAMS = new UpstreamServers();

    @TempDir
    Path dir;

    private static String policy(int maxEjectionPercent) {
        return MeshHarness.virtualService("""
                retries:
                  attempts: 0
                """) + MeshHarness.destinationRule("""
                outlierDetection:
                  consecutive5xxErrors: 2
                  interval: 500ms
                  baseEjectionTime: 2s
                  maxEjectionPercent: %d
                """.formatted(maxEjectionPercent));
    }

    @Test
    void an_ejected_endpoint_gets_no_traffic_for_base_ejection_time_and_comes_back_after() throws Exception {
        try (TestUpstream bad = UPSTREAMS.start(TestUpstream.answering(503, "bad"));
             TestUpstream good = UPSTREAMS.start(TestUpstream.answering(200, "good"));
             MeshHarness mesh = MeshHarness.start(dir, policy(50), bad.address(), good.address())) {
            long ejectingRequestSent = 0;
            for (int i = 0; i < 10 && bad.count() < 2; i++) {
                ejectingRequestSent = System.nanoTime();
                mesh.get("/x");
            }
            assertEquals(2, bad.count(), "round robin reached the bad endpoint twice");
            assertEquals(1, mesh.mesh().metrics().ejections.value("svc", bad.address().toString()));
            long ejectedSeen = System.nanoTime();

            AtomicLong backAt = new AtomicLong();
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(20)).until(() -> {
                HttpResponse<String> r = mesh.get("/x");
                if (r.statusCode() == 503) {
                    backAt.set(System.nanoTime());
                    return true;
                }
                assertEquals(2, bad.count(), "no request reaches an ejected endpoint");
                return false;
            });
            long outMs = (backAt.get() - ejectingRequestSent) / 1_000_000;
            long sinceSeenMs = (backAt.get() - ejectedSeen) / 1_000_000;
            assertTrue(outMs >= 2000, "out of service for at least baseEjectionTime: " + outMs + " ms");
            assertTrue(sinceSeenMs < 2000 + 500 + 1500, "back on the first sweep after 2 s (500 ms sweeps): " + sinceSeenMs);
            assertTrue(good.count() > 5, "the healthy endpoint took the traffic meanwhile");
        }
    }

    @Test
    void when_every_endpoint_is_ejected_the_mesh_answers_no_healthy_upstream_without_calling_it() throws Exception {
        try (TestUpstream bad = UPSTREAMS.start(TestUpstream.answering(503, "bad"));
             MeshHarness mesh = MeshHarness.start(dir, policy(100), bad.address())) {
            mesh.get("/x");
            mesh.get("/x");
            HttpResponse<String> third = mesh.get("/x");

            assertEquals(503, third.statusCode());
            assertEquals("no healthy upstream", third.body());
            assertEquals(2, bad.count(), "Istio's minHealthPercent 0: no panic routing to the ejected endpoint");
        }
    }

    @Test
    void a_route_timeout_while_the_answer_streams_counts_no_error_for_outlier_detection() throws Exception {
        // headers at once, then a body that never ends: Envoy counts the try by its 200 and resets the stream
        try (TestUpstream streaming = UPSTREAMS.start((req, body, n) -> {
                 if (n == 1) {
                     req.response().setChunked(true).setStatusCode(200).write("the start of a body");
                 } else {
                     req.response().setStatusCode(200).end("whole");
                 }
             });
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     timeout: 500ms
                     retries:
                       attempts: 0
                     """) + MeshHarness.destinationRule("""
                     outlierDetection:
                       consecutive5xxErrors: 1
                       interval: 30s
                       baseEjectionTime: 30s
                       maxEjectionPercent: 100
                     """), streaming.address())) {
            try {
                mesh.get("/x"); // cut after 500 ms: the client sees the stream reset
            } catch (java.io.IOException reset) {
                // expected: the answer had started, so the mesh resets it
            }

            assertEquals("whole", mesh.get("/x").body(), "not ejected by a 504 its answer never was");
            assertEquals(0, mesh.mesh().metrics().ejections.sum("svc"));
        }
    }

    @Test
    void istios_default_max_ejection_percent_never_ejects_the_only_endpoint() throws Exception {
        try (TestUpstream bad = UPSTREAMS.start(TestUpstream.answering(503, "bad"));
             MeshHarness mesh = MeshHarness.start(dir, policy(10), bad.address())) {
            for (int i = 0; i < 5; i++) {
                assertEquals("bad", mesh.get("/x").body());
            }
            assertEquals(5, bad.count(), "ejecting 1 of 1 endpoints (100 %) exceeds maxEjectionPercent 10");
            assertEquals(0, mesh.mesh().metrics().ejections.sum("svc"));
        }
    }
}
