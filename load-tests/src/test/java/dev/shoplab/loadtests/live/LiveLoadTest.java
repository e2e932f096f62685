package dev.shoplab.loadtests.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live load is an open model: orders arrive at the rate whatever the system does. Against an edge stand-in that
 * holds every answer for a second, a closed-loop client would offer fewer orders; this one offers the rate, and
 * measures each order from the moment it was due.
 */
class LiveLoadTest {

    private static final Duration HOLD = Duration.ofSeconds(1);

    private HttpServer edge;
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
    private final AtomicInteger posts = new AtomicInteger();

    @BeforeEach
    void slowEdge() throws IOException {
        edge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        edge.setExecutor(Executors.newCachedThreadPool());
        edge.createContext("/api/orders", exchange -> {
            exchange.getRequestBody().readAllBytes();
            posts.incrementAndGet();
            // the answer leaves a second later, from another thread: the edge's request thread is not held
            answers.schedule(() -> {
                byte[] body = ("{\"orderId\":\"" + UUID.randomUUID() + "\",\"status\":\"CONFIRMED\"}")
                        .getBytes(StandardCharsets.UTF_8);
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(201, body.length);
                    exchange.getResponseBody().write(body);
                } catch (IOException e) {
                    // the client gave up
                }
            }, HOLD.toMillis(), TimeUnit.MILLISECONDS);
        });
        edge.start();
    }

    @AfterEach
    void stop() {
        edge.stop(0);
        answers.shutdownNow();
    }

    @Test
    void orders_arrive_at_the_rate_while_answers_are_slow_and_latency_counts_from_the_arrival() {
        LoadFigures figures = new LoadFigures();
        try (LiveLoad load = new LiveLoad("http://127.0.0.1:" + edge.getAddress().getPort(), figures)) {
            long start = System.currentTimeMillis();
            load.set(new LiveLoad.Settings(40, true, 0, Duration.ofSeconds(10)));
            // within the first second no answer has come back, yet orders kept arriving
            await().atMost(Duration.ofSeconds(5)).until(() -> posts.get() >= 20);
            assertTrue(load.pending() >= 15, "orders in flight while the edge holds its answers: " + load.pending());
            await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() - start >= 3000);
            load.set(LiveLoad.Settings.OFF);
            int offered = 0;
            int concluded = 0;
            long p50 = 0;
            await().atMost(Duration.ofSeconds(10)).until(() -> load.pending() == 0);
            for (long s = start / 1000; s <= System.currentTimeMillis() / 1000; s++) {
                LoadFigures.Snapshot snap = figures.snapshot(s, 1);
                offered += snap.offered();
                concluded += snap.concluded();
            }
            // Poisson arrivals at 40/s for about 3 s: 120 expected, far outside these bounds only by a broken generator
            assertTrue(offered >= 80 && offered <= 170, "orders offered in 3 s at 40/s: " + offered);
            assertEquals(offered, concluded, "every order offered was followed to its outcome");
            p50 = figures.snapshot(System.currentTimeMillis() / 1000, 10).acceptP50();
            assertTrue(p50 >= HOLD.toMillis(), "the accept latency includes the edge's second: " + p50 + " ms");
            assertEquals(posts.get(), offered, "one POST per order without failures or retries");
        }
    }

    @Test
    void a_failed_post_is_retried_with_the_same_key_as_often_as_asked() throws IOException {
        AtomicInteger refused = new AtomicInteger();
        java.util.Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
        edge.removeContext("/api/orders");
        edge.createContext("/api/orders", exchange -> {
            exchange.getRequestBody().readAllBytes();
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            refused.incrementAndGet();
            try (exchange) {
                exchange.sendResponseHeaders(503, -1);
            }
        });
        LoadFigures figures = new LoadFigures();
        try (LiveLoad load = new LiveLoad("http://127.0.0.1:" + edge.getAddress().getPort(), figures)) {
            load.set(new LiveLoad.Settings(5, true, 2, Duration.ofSeconds(5)));
            await().atMost(Duration.ofSeconds(10)).until(() -> refused.get() >= 6);
            load.set(LiveLoad.Settings.OFF);
            await().atMost(Duration.ofSeconds(10)).until(() -> load.pending() == 0);
            assertEquals(0, refused.get() % 3, "each order is tried three times (two retries): " + refused.get());
            assertEquals(refused.get() / 3, keys.size(), "its retries carry its one key");
        }
    }
}
