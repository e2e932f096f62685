package dev.shoplab.mesh;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpServerRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** DestinationRule connectionPool: overflow beyond connections + pending, keep-alive limit per connection. */
class ConnectionPoolTest {

    @RegisterExtension
    static final UpstreamServers UPSTREAMS = new UpstreamServers();

    @TempDir
    Path dir;

    @Test
    void a_flood_beyond_connections_plus_pending_gets_fast_503_overflow_answers_and_the_rest_is_served() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
        try (TestUpstream up = UPSTREAMS.start((req, body, n) -> {
            if (released.get()) {
                req.response().end("served");
            } else {
                held.add(req);
            }
        }); MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                retries:
                  attempts: 3
                  retryOn: 5xx
                """) + MeshHarness.destinationRule("""
                connectionPool:
                  tcp:
                    maxConnections: 2
                  http:
                    http1MaxPendingRequests: 3
                """), up.address())) {
            List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                flood.add(mesh.sendAsync(mesh.request("/x").GET().build()));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> flood.stream().filter(CompletableFuture::isDone).count() == 15);
            long overflowMs = (System.nanoTime() - start) / 1_000_000;
            List<HttpResponse<String>> refused = flood.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();

            assertTrue(refused.stream().allMatch(r -> r.statusCode() == 503
                    && "true".equals(r.headers().firstValue("x-envoy-overloaded").orElse(null))), "overflow answers");
            assertTrue(overflowMs < 3000, "overflow is answered at once, not after a timeout: " + overflowMs + " ms");
            assertEquals(2, up.count(), "only maxConnections tries in flight");
            assertEquals(15, mesh.mesh().metrics().overflows.value("svc"));
            assertEquals(0, mesh.mesh().metrics().retries.value("svc", "main"), "an overflow is never retried");

            released.set(true);
            held.forEach(r -> r.response().end("served"));
            for (CompletableFuture<HttpResponse<String>> f : flood) {
                HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
                assertTrue(r.statusCode() == 200 || r.statusCode() == 503);
            }
            assertEquals(5, flood.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count(),
                    "the 2 in flight and the 3 queued are served");
        }
    }

    @Test
    void max_requests_per_connection_closes_a_connection_after_that_many_requests() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(200, "ok"));
             MeshHarness mesh = MeshHarness.start(dir, MeshHarness.virtualService("""
                     retries:
                       attempts: 0
                     """) + MeshHarness.destinationRule("""
                     connectionPool:
                       http:
                         maxRequestsPerConnection: 2
                     """), up.address())) {
            for (int i = 0; i < 6; i++) {
                assertEquals(200, mesh.get("/x").statusCode());
            }
            IdentityHashMap<Object, Boolean> connections = new IdentityHashMap<>();
            up.seen().forEach(s -> connections.put(s.connection(), true));
            assertEquals(3, connections.size(), "6 requests, 2 per connection");
        }
    }
}
