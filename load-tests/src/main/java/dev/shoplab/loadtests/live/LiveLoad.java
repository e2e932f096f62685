package dev.shoplab.loadtests.live;

import dev.shoplab.loadtests.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.loadtests.simulation.LoadSettings;
import dev.shoplab.loadtests.simulation.OrderMix;
import dev.shoplab.loadtests.simulation.OrderRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live lab's load on one architecture: an open model whose rate can change while it runs
 * (docs/adr/0015-live-lab-control.md). Orders arrive as a Poisson process at the rate, whatever the system does:
 * an arrival is scheduled from the previous arrival, never from an answer, and its latencies are measured from the
 * moment it was due, so a slow system cannot slow the load down (no coordinated omission). Each order is the
 * bench's ({@link OrderMix}): a POST, retried by the client as asked, then, when the answer is not terminal, polls
 * with the bench's back-off until it is; a polled order's outcome is the moment the edge says it concluded, as in
 * the bench (ADR 0007). Pending orders are followed after the load stops, so a backlog is seen draining.
 */
public final class LiveLoad implements AutoCloseable {

    /**
     * What the load does.
     *
     * @param ratePerSecond   orders per second; 0 = no new orders
     * @param idempotencyKeys whether each order carries an {@code Idempotency-Key} (its retries the same one)
     * @param clientRetries   how often a client sends a POST again after a transport error, a timeout or a 5xx
     * @param requestTimeout  how long a client waits for one answer
     */
    public record Settings(double ratePerSecond, boolean idempotencyKeys, int clientRetries, Duration requestTimeout) {

        /** The most a page or a verb may ask for: far above any architecture's knee on a laptop. */
        public static final double MAX_RATE = 500;
        public static final int MAX_RETRIES = 10;

        public static final Settings OFF = new Settings(0, true, 0, Duration.ofSeconds(10));

        public Settings {
            if (!(ratePerSecond >= 0 && ratePerSecond <= MAX_RATE)) {
                throw new IllegalArgumentException("rate: must be between 0 and " + (int) MAX_RATE
                        + " orders/s, not " + ratePerSecond);
            }
            if (clientRetries < 0 || clientRetries > MAX_RETRIES) {
                throw new IllegalArgumentException("clientRetries: must be between 0 and " + MAX_RETRIES + ", not "
                        + clientRetries);
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.toSeconds() > 120) {
                throw new IllegalArgumentException("requestTimeoutSeconds: must be between 1 and 120, not "
                        + requestTimeout.toSeconds());
            }
        }

        public boolean running() {
            return ratePerSecond > 0;
        }
    }

    /**
     * The longest pause between two polls of a pending order: longer than the bench's second, since a demo's backlog
     * of hundreds of pending orders (the event-driven system while the PSP is down) would otherwise poll the edge
     * hundreds of times a second on two cores that run three architectures. The outcome latency is not blurred by it:
     * it is the edge's {@code updatedAt}.
     */
    static final Duration LONGEST_POLL_PAUSE = Duration.ofSeconds(3);
    /** How long a pending order is followed before it counts as an error (its outcome never came). */
    static final Duration OUTCOME_TIMEOUT = Duration.ofMinutes(5);
    /** Orders draw skus from the whole catalogue but the sold-out one, as the bench's baseline does. */
    public static final int SKU_COUNT = 999;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String edgeUrl;
    private final LoadFigures figures;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService answers;
    private final HttpClient http;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final long originNanos = System.nanoTime();
    private final long originEpochMs = System.currentTimeMillis();

    private volatile Settings settings = Settings.OFF;
    private ScheduledFuture<?> nextArrival;
    private long nextArrivalNanos;

    /** A load on the edge at {@code edgeUrl} whose figures go to {@code figures}; it offers nothing until {@link #set}. */
    public LiveLoad(String edgeUrl, LoadFigures figures) {
        this.edgeUrl = edgeUrl;
        this.figures = figures;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("shoplab-load-arrivals"));
        this.answers = Executors.newFixedThreadPool(2, DaemonThreads.named("shoplab-load-answers"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(answers).build();
    }

    /** Changes the load from now on: the next arrival is drawn at the new rate. */
    public synchronized void set(Settings next) {
        boolean wasRunning = settings.running();
        settings = next;
        if (nextArrival != null) {
            nextArrival.cancel(false);
            nextArrival = null;
        }
        if (next.running()) {
            long now = System.nanoTime();
            nextArrivalNanos = wasRunning ? Math.max(now, Math.min(nextArrivalNanos, now + gap(next))) : now + gap(next);
            schedule();
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Orders offered and not concluded yet: waiting for an answer, or accepted and pending. */
    public int pending() {
        return pending.get();
    }

    /** Every order the architecture acknowledged (a 2xx with an order id): the audit looks for each of them. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Stops offering orders and following pending ones. */
    @Override
    public synchronized void close() {
        settings = Settings.OFF;
        scheduler.shutdownNow();
        answers.shutdownNow();
    }

    private void schedule() {
        long delay = Math.max(0, nextArrivalNanos - System.nanoTime());
        nextArrival = scheduler.schedule(this::arrive, delay, TimeUnit.NANOSECONDS);
    }

    /** Places every order that is due (several, if this thread was late), then waits for the next one. */
    private synchronized void arrive() {
        Settings current = settings;
        if (!current.running()) {
            return;
        }
        long now = System.nanoTime();
        while (nextArrivalNanos <= now) {
            place(new Order(nextArrivalNanos, current));
            nextArrivalNanos += gap(current);
        }
        schedule();
    }

    /** Exponentially distributed time to the next arrival of a Poisson process at the rate. */
    private static long gap(Settings s) {
        double u = ThreadLocalRandom.current().nextDouble();
        return Math.max(1, Math.round(-Math.log(1 - u) / s.ratePerSecond() * 1e9));
    }

    /** One order as a client follows it. */
    private final class Order {
        final long dueNanos;
        final long dueEpochMs;
        final Settings settings;
        final String key;
        final String body = OrderMix.nextOrder(SKU_COUNT);
        int attempts;
        int polls;
        double acceptMs;
        String orderId;

        Order(long dueNanos, Settings settings) {
            this.dueNanos = dueNanos;
            this.dueEpochMs = originEpochMs + (dueNanos - originNanos) / 1_000_000;
            this.settings = settings;
            this.key = settings.idempotencyKeys() ? UUID.randomUUID().toString() : null;
        }

        double sinceDueMs() {
            return (System.nanoTime() - dueNanos) / 1e6;
        }
    }

    private void place(Order order) {
        figures.offered(order.dueEpochMs);
        pending.incrementAndGet();
        post(order);
    }

    private void post(Order order) {
        order.attempts++;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(edgeUrl + "/api/orders"))
                .timeout(order.settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(order.body));
        if (order.key != null) {
            request.header("Idempotency-Key", order.key);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
            if (failure == null && answer.statusCode() / 100 == 2) {
                accepted(order, answer.body());
            } else if (order.attempts <= order.settings.clientRetries()
                    && (failure != null || retriable(answer.statusCode()))) {
                post(order);
            } else {
                error();
            }
        });
    }

    /** What a client retries: no answer, an answer of a server in trouble, or "try again" (the key is in use). */
    private static boolean retriable(int status) {
        return status >= 500 || status == 409 || status == 429;
    }

    private void accepted(Order order, String body) {
        order.acceptMs = order.sinceDueMs();
        figures.accepted(System.currentTimeMillis(), order.acceptMs);
        JsonNode answer = parse(body);
        order.orderId = answer.path("orderId").asText(null);
        if (order.orderId == null) {
            error();
            return;
        }
        acknowledged.add(order.orderId);
        String status = answer.path("status").asText("");
        if (OrderRecord.isTerminal(status)) {
            concluded(status, order.acceptMs);
        } else {
            poll(order);
        }
    }

    private void poll(Order order) {
        if (order.sinceDueMs() > OUTCOME_TIMEOUT.toMillis()) {
            error();
            return;
        }
        Duration pause = LoadSettings.pollPause(LoadSettings.POLL_INTERVAL, order.polls, LONGEST_POLL_PAUSE);
        scheduler.schedule(() -> {
            order.polls++;
            HttpRequest get = HttpRequest.newBuilder(URI.create(edgeUrl + "/api/orders/" + order.orderId))
                    .timeout(order.settings.requestTimeout()).build();
            http.sendAsync(get, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
                if (failure == null && answer.statusCode() == 200) {
                    JsonNode polled = parse(answer.body());
                    String status = polled.path("status").asText("");
                    if (OrderRecord.isTerminal(status)) {
                        double seenMs = order.sinceDueMs();
                        concluded(status, OrderRecord.outcomeOfPolled(order.dueEpochMs, order.acceptMs, seenMs,
                                polled.path("updatedAt").asText(null)));
                        return;
                    }
                }
                poll(order); // not concluded yet, or the edge did not answer (it may be restarting): ask again
            });
        }, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void concluded(String status, double outcomeMs) {
        figures.concluded(System.currentTimeMillis(), outcomeMs, status);
        pending.decrementAndGet();
    }

    private void error() {
        figures.error(System.currentTimeMillis());
        pending.decrementAndGet();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
