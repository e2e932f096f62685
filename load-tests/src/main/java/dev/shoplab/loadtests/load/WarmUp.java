package dev.shoplab.loadtests.load;

import dev.shoplab.loadtests.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.loadtests.measure.ThroughputTrend;
import dev.shoplab.loadtests.simulation.LoadSettings;
import dev.shoplab.loadtests.simulation.OrderMix;
import dev.shoplab.loadtests.simulation.OrderRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms an architecture up before it is measured: a few clients place orders of the bench's mix back
 * to back (a closed loop, so a cold process is never flooded) and follow each one to its outcome, until
 * their throughput stops climbing.
 * A freshly started JVM spends its first seconds loading classes and compiling; measured cold, at a
 * fixed arrival rate on two cores, it builds a queue it never works off, and the bench would report
 * start-up rather than architecture. Warm-up orders are real orders: the audit checks them like any
 * other, the latency figures do not include them.
 */
public final class WarmUp {

    /**
     * What the warm-up did: the orders the architecture acknowledged (the audit counts them), how many it placed and
     * saw through to their outcome, how long it took, whether throughput was steady when it ended, and the orders
     * completed window by window (what the steadiness was judged on).
     */
    public record Result(Set<String> acknowledged, int placed, int completed, Duration took, boolean steady,
                         List<Integer> windows) {

        /** No warm-up ({@code --warm-up 0}): the run is measured cold, on purpose. */
        public static final Result NONE = new Result(Set.of(), 0, 0, Duration.ZERO, false, List.of());

        /** @param windows the orders completed in each {@link #WINDOW} of the warm-up, in order */
        public Result {
            windows = List.copyOf(windows);
        }

        /**
         * Whether the warm-up met its own criteria (ADR 0010): throughput steady and at least {@link #MIN_ORDERS}
         * orders completed. A warm-up that ended at its longest without them leaves a run measured partly cold.
         */
        public boolean criteriaMet() {
            return steady && completed >= MIN_ORDERS;
        }

        /** Why the criteria were not met, for the console and the report; empty when they were. */
        public String shortfall() {
            if (criteriaMet()) {
                return "";
            }
            List<String> missing = new ArrayList<>();
            if (completed < MIN_ORDERS) {
                missing.add(completed + " of the " + MIN_ORDERS + " orders");
            }
            if (!steady) {
                missing.add("throughput still climbing");
            }
            return String.join(", ", missing);
        }
    }

    /** Clients of a warm-up: enough to keep both cores busy, few enough never to build a queue. */
    public static final int CLIENTS = 6;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(10);
    /** Throughput is compared window by window. */
    public static final Duration WINDOW = Duration.ofSeconds(2);
    /** A window that completes at most this much more than the best window before it counts as flat. */
    private static final double STEADY = 0.20;
    /** Flat windows in a row that make throughput steady (6 s of no climb). */
    private static final int STEADY_WINDOWS = 3;
    /** Fewer orders than this in a window say nothing about steadiness. */
    private static final int MIN_WINDOW_ORDERS = 20;
    /**
     * Orders to complete before a warm-up may end early: C1 compiles a method after about 200 invocations
     * ({@code Tier3InvocationThreshold}), and the per-order code of every service runs about once per order.
     */
    public static final int MIN_ORDERS = 250;

    private WarmUp() {
    }

    /**
     * Places orders with {@code clients} concurrent clients for at least {@code least} and at most {@code most}:
     * it ends after {@code least} and {@link #MIN_ORDERS} completed orders as soon as the orders completed in
     * each of the last {@link #STEADY_WINDOWS} windows are no more than {@link #STEADY} above those of the
     * best window before it, that is once throughput has stopped climbing.
     */
    public static Result run(String edgeUrl, int clients, Duration least, Duration most, int skuCount) {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger placed = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        AtomicBoolean warm = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients, DaemonThreads.named("shoplab-warm-up"));
        for (int i = 0; i < clients; i++) {
            pool.execute(() -> {
                while (!warm.get() && !Thread.currentThread().isInterrupted()) {
                    placed.incrementAndGet();
                    placeAndFollow(http, edgeUrl, skuCount, acknowledged);
                    completed.incrementAndGet();
                }
            });
        }
        boolean steady = false;
        List<Integer> windows = new ArrayList<>();
        try {
            ThroughputTrend trend = new ThroughputTrend(STEADY, MIN_WINDOW_ORDERS, STEADY_WINDOWS);
            int mark = 0;
            while (true) {
                TimeUnit.NANOSECONDS.sleep(WINDOW.toNanos());
                long elapsed = System.nanoTime() - start;
                int now = completed.get();
                windows.add(now - mark);
                steady = trend.steadyAfter(now - mark);
                mark = now;
                if (elapsed >= most.toNanos() || (elapsed >= least.toNanos() && now >= MIN_ORDERS && steady)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int completedWhenEnded = completed.get();
        warm.set(true);
        pool.shutdown();
        try {
            // a client finishes the order it is on: at most one request and one outcome wait
            if (!pool.awaitTermination(REQUEST_TIMEOUT.plus(OUTCOME_TIMEOUT).toSeconds() + 5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return new Result(Set.copyOf(acknowledged), placed.get(), completedWhenEnded,
                Duration.ofNanos(System.nanoTime() - start), steady, windows);
    }

    private static void placeAndFollow(HttpClient http, String edgeUrl, int skuCount, Set<String> acknowledged) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(edgeUrl + "/api/orders"))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(OrderMix.nextOrder(skuCount)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                return;
            }
            JsonNode order = JSON.readTree(answer.body());
            String orderId = order.path("orderId").asText(null);
            if (orderId == null) {
                return;
            }
            acknowledged.add(orderId);
            String status = order.path("status").asText("");
            long outcomeDeadline = System.nanoTime() + OUTCOME_TIMEOUT.toNanos();
            for (int polls = 0; !OrderRecord.isTerminal(status) && System.nanoTime() < outcomeDeadline; polls++) {
                TimeUnit.MILLISECONDS.sleep(LoadSettings.pollPause(LoadSettings.POLL_INTERVAL, polls).toMillis());
                HttpResponse<String> polled = http.send(HttpRequest.newBuilder(
                                URI.create(edgeUrl + "/api/orders/" + orderId)).timeout(REQUEST_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (polled.statusCode() == 200) {
                    status = JSON.readTree(polled.body()).path("status").asText("");
                }
            }
        } catch (IOException e) {
            // a timed-out or refused warm-up order: the next one tries again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
