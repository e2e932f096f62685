package dev.shoplab.loadtests.simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGenerator;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.http.response.Response;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one simulation for all three architectures. Open model: orders arrive at a rate, whatever the
 * system does (no coordinated omission). Each order is a POST with an Idempotency-Key; when the answer
 * is not terminal (the event-driven 202 PENDING) the client polls GET until it is. Two latencies per
 * order: accept (the POST, retries included) and outcome (until the order is terminal). For a polled order the
 * outcome is the {@code updatedAt} of its terminal state as the edge reports it (same machine, same clock), not
 * the poll that saw it, so the client's polling pace does not blur the architecture's latency; the moment it was
 * seen and the number of polls are recorded too (ADR 0007).
 */
public class ShopSimulation extends Simulation {

    /**
     * The Gatling group that holds one order (its POST, retries and polls), so that Gatling's own report counts
     * orders the way shoplab's does: a group is KO when the order was not accepted, ended FAILED or had no outcome
     * within the outcome timeout (and, Gatling's rule, when one of its polls failed). Its requests are judged
     * on HTTP alone: a {@code 201} carrying {@code FAILED} is an OK request in a KO order.
     */
    public static final String ORDER_GROUP = "order";

    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private final OrderRecorder recorder = new OrderRecorder(settings.recordFile());

    private final HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl())
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .userAgentHeader("shoplab-bench")
            .shareConnections()
            .disableWarmUp()
            .disableCaching();

    /** The saturation ramp's watch, when the load is a ramp that stops once its knee is behind it; else null. */
    private final SaturationRamp.Watch ramp = settings.sloMs() > 0
            ? new SaturationRamp.Watch(settings.phases(), settings.sloMs(), settings.stopAfterBrokenSteps()) : null;
    /**
     * When the first order arrived, epoch ms: second 0 of the load, of its steps and of its faults. Not the moment of
     * the go: Gatling starts injecting 0.1–0.7 s after it (more on a loaded machine), which shifted every order, step
     * and fault window by that much and put the last orders past the load's end. 0 until the first arrival.
     */
    private final AtomicLong loadStartEpochMs = new AtomicLong();

    private final ScenarioBuilder orders = scenario("order")
            .exec(this::arrive)
            .doIfOrElse(session -> session.getBoolean("skip")).then(
                    // the ramp has stopped: no new order; once the last one in flight ended, the load ends
                    doIf(session -> ramp.inFlight() == 0).then(
                            stopLoadGenerator("the saturation ramp stopped: its knee is behind it")))
            .orElse(group(ORDER_GROUP).on(exec(session -> session
                    .set("body", OrderMix.nextOrder(settings.skuCount()))
                    .set("key", UUID.randomUUID().toString())
                    .set("attempts", 0)
                    .set("polls", 0))
            .tryMax(1 + settings.clientRetries()).on(
                    exec(session -> session.set("attempts", session.getInt("attempts") + 1)
                            .removeAll("httpStatus", "problemType", "orderId", "orderStatus", "reason"))
                            .exec(http("place order").post("/api/orders")
                                    .header("Idempotency-Key", "#{key}")
                                    .body(StringBody("#{body}"))
                                    .check(status().saveAs("httpStatus"))
                                    // the kind of a problem answer: Gatling runs every check of a response (status
                                    // checks first) and keeps what they save also when one fails; read only from a
                                    // problem, since a body that is no JSON would fail the check
                                    .checkIf((response, session) -> isProblem(response))
                                    .then(jsonPath("$.type").optional().saveAs("problemType"))
                                    .check(status().in(200, 201, 202),
                                            jsonPath("$.orderId").optional().saveAs("orderId"),
                                            jsonPath("$.status").optional().saveAs("orderStatus"),
                                            jsonPath("$.reason").optional().saveAs("reason"))))
            .exec(session -> accepted(session)
                    ? session.set("acceptNanos", System.nanoTime())
                    // a problem+json body also has a "status": only an acknowledged order has an order status
                    : session.set("acceptNanos", System.nanoTime()).removeAll("orderId", "orderStatus", "reason"))
            .doIf(session -> session.contains("orderId") && !terminal(session)).then(
                    asLongAsDuring(session -> !terminal(session), settings.outcomeTimeout()).on(
                            pause(this::nextPoll)
                                    .exec(session -> session.set("polls", session.getInt("polls") + 1)
                                            .removeAll("pollHttp", "polledStatus", "polledReason", "polledUpdatedAt"))
                                    .exec(http("poll order").get("/api/orders/#{orderId}")
                                            .check(status().saveAs("pollHttp"), status().is(200),
                                                    jsonPath("$.status").optional().saveAs("polledStatus"),
                                                    jsonPath("$.reason").optional().saveAs("polledReason"),
                                                    jsonPath("$.updatedAt").optional().saveAs("polledUpdatedAt")))
                                    .exec(ShopSimulation::takePolledStatus)))
            .exec(this::record)));

    {
        List<OpenInjectionStep> steps = settings.phases().stream()
                .map(p -> (OpenInjectionStep) constantUsersPerSec(p.ratePerSecond()).during(p.duration()).randomized())
                .toList();
        Duration load = settings.phases().stream().map(LoadSettings.Phase::duration).reduce(Duration.ZERO,
                Duration::plus);
        setUp(orders.injectOpen(steps)).protocols(protocol)
                .maxDuration(load.plus(settings.outcomeTimeout()).plus(settings.requestTimeout()
                        .multipliedBy(1L + settings.clientRetries())).plusSeconds(10));
    }

    /**
     * Waits for the bench's go (the file {@link #goSignal} names, written once the architecture is warm: the load
     * generator's JVM starts during the warm-up instead of after it). The first order's arrival then marks the load's
     * start ({@link #loadStart}), from which the bench times its faults.
     */
    @Override
    public void before() {
        Path go = goSignal(settings.recordFile());
        long deadline = System.nanoTime() + GO_WAIT.toNanos();
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The bench gave no go within " + GO_WAIT.toMinutes() + " min (" + go
                        + " never appeared)");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the bench's go", e);
            }
        }
    }

    /**
     * The load's start ({@link #loadStartEpochMs}), taken at the first arrival, {@code now}, and written to the file
     * {@link #startedMarker} names, in one move, so the bench never reads half of it.
     */
    private long loadStart(long now) {
        if (loadStartEpochMs.get() == 0 && loadStartEpochMs.compareAndSet(0, now)) {
            Path marker = startedMarker(settings.recordFile());
            try {
                Path written = Files.writeString(marker.resolveSibling(marker.getFileName() + ".tmp"), Long.toString(now));
                Files.move(written, marker, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loadStartEpochMs.get();
    }

    /** The longest the simulation waits for the bench's go: longer than any warm-up. */
    private static final Duration GO_WAIT = Duration.ofMinutes(15);

    /** The file the bench writes next to the record file when the load may start. */
    public static Path goSignal(Path recordFile) {
        return recordFile.resolveSibling(recordFile.getFileName() + ".go");
    }

    /** The file the first arrival writes next to the record file: the load's start in epoch milliseconds. */
    public static Path startedMarker(Path recordFile) {
        return recordFile.resolveSibling(recordFile.getFileName() + ".started");
    }

    @Override
    public void after() {
        recorder.close();
    }

    /**
     * A user arrives: it places an order, unless the saturation ramp has stopped (then it is skipped, and
     * recorded nowhere). Its start is taken here, so that it counts in the step it arrived in.
     */
    private Session arrive(Session session) {
        long clock = System.currentTimeMillis();
        long start = loadStart(clock);
        // another thread's arrival can have taken the start a millisecond after this one's clock: none before it
        long now = Math.max(clock, start);
        Session started = session.set("startEpochMs", now).set("t0", System.nanoTime());
        if (ramp == null) {
            return started.set("skip", false);
        }
        double second = (now - start) / 1000.0;
        if (ramp.judge(second)) {
            return started.set("skip", true);
        }
        int step = ramp.stepOf(second);
        ramp.started(step);
        return started.set("skip", false).set("step", step);
    }

    /** The pause before the next poll of this order (backing off, see {@link LoadSettings#pollPause}). */
    private Duration nextPoll(Session session) {
        return LoadSettings.pollPause(settings.pollInterval(), session.getInt("polls"));
    }

    /** An RFC 9457 answer ({@code application/problem+json}): its {@code type} says what kind of error it is. */
    private static boolean isProblem(Response response) {
        String contentType = response.headers().get("Content-Type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
    }

    private static boolean terminal(Session session) {
        return session.contains("orderStatus") && OrderRecord.isTerminal(session.getString("orderStatus"));
    }

    /** A poll answered 200: its status is the order's; any other answer (a problem) says nothing about it. */
    private static Session takePolledStatus(Session session) {
        if (!session.contains("pollHttp") || session.getInt("pollHttp") != 200 || !session.contains("polledStatus")) {
            return session;
        }
        Session updated = session.set("orderStatus", session.getString("polledStatus"));
        if (session.contains("polledUpdatedAt")) {
            updated = updated.set("concludedAt", session.getString("polledUpdatedAt"));
        }
        return session.contains("polledReason") ? updated.set("reason", session.getString("polledReason"))
                : updated.remove("reason");
    }

    private static boolean accepted(Session session) {
        if (!session.contains("httpStatus")) {
            return false;
        }
        int status = session.getInt("httpStatus");
        return status >= 200 && status < 300 && session.contains("orderId");
    }

    private Session record(Session session) {
        long now = System.nanoTime();
        long t0 = session.getLong("t0");
        double acceptMs = session.contains("acceptNanos") ? (session.getLong("acceptNanos") - t0) / 1e6 : -1;
        double seenMs = terminal(session) ? (now - t0) / 1e6 : -1;
        int polls = session.getInt("polls");
        long startEpochMs = session.getLong("startEpochMs");
        double outcomeMs = seenMs < 0 || polls == 0 ? seenMs : OrderRecord.outcomeOfPolled(startEpochMs, acceptMs,
                seenMs, session.contains("concludedAt") ? session.getString("concludedAt") : null);
        int httpStatus = session.contains("httpStatus") ? session.getInt("httpStatus") : 0;
        recorder.record(startEpochMs, acceptMs, outcomeMs, httpStatus,
                session.contains("orderId") ? session.getString("orderId") : null,
                session.contains("orderStatus") ? session.getString("orderStatus") : null,
                session.contains("reason") ? session.getString("reason") : null,
                session.getInt("attempts"), seenMs, polls,
                accepted(session) || !session.contains("problemType") ? null
                        : OrderRecord.problemKind(session.getString("problemType")));
        boolean failed = "FAILED".equals(session.contains("orderStatus") ? session.getString("orderStatus") : null);
        if (ramp != null) {
            ramp.ended(session.getInt("step"), accepted(session), failed, outcomeMs);
        }
        // an acknowledged order that concluded CONFIRMED or REJECTED is a good order; anything else fails its group
        boolean good = accepted(session) && terminal(session) && !failed;
        return good ? session : session.markAsFailed();
    }
}
