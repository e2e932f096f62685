package dev.shoplab.simulators.provider;

import dev.shoplab.simulators.http.Answer;
import dev.shoplab.simulators.http.JsonRequest;
import dev.shoplab.simulators.http.Problem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One simulated provider on a port of its own: a Vert.x HTTP server that this class opens,
 * closes (the {@code down} fault, so that connections are really refused) and opens again on the
 * same port, with the counters and the fault injection of {@link FaultSettings} in front of every
 * endpoint.
 *
 * <p>A request's latency and fate are drawn when it arrives, and it is handled when its latency has passed, whether
 * or not its client still waits (a client that gave up does not take back what it sent; a real provider works off what
 * reached it); until then the endpoint's {@link Arrivals} remember it. Going down drops every request still waiting
 * out its latency, at once: it is never handled, also when the provider is up again before its latency would have
 * passed (infra/simulators/README.md, "down").
 */
public final class ProviderServer {

    public static final String REQUESTS = "requests";
    public static final String INJECTED_ERRORS = "injectedErrors";
    public static final String INJECTED_TIMEOUTS = "injectedTimeouts";

    private static final String HOLD_KEY = "shoplab.hold";
    /** The request's {@link Arrivals} callback, run (once) when the request is over on the provider's side. */
    private static final String OVER_KEY = "shoplab.over";

    private final Vertx vertx;
    private final ProviderApi api;
    private final String host;
    private final long hangLimitMs;
    private final ProviderStats stats;
    private final Router router;
    private final BodyHandler bodies = BodyHandler.create(false).setBodyLimit(JsonRequest.MAX_BODY_BYTES);

    private volatile FaultSettings faults = FaultSettings.NONE;
    private volatile int port;
    private volatile HttpServer server;
    /** Opening and closing happen one after the other, in the order they were asked for. */
    private Future<Void> lastChange = Future.succeededFuture();
    /** Requests waiting out their latency, by their timer's id. */
    private final Map<Long, RoutingContext> waiting = new ConcurrentHashMap<>();
    /** One more every time the port closes: a request that arrived before that is never handled. */
    private final AtomicLong closings = new AtomicLong();

    public ProviderServer(Vertx vertx, ProviderApi api, String host, int port, Duration hangLimit,
            MeterRegistry registry) {
        this.vertx = vertx;
        this.api = api;
        this.host = host;
        this.port = port;
        this.hangLimitMs = Math.max(1, hangLimit.toMillis());
        List<String> events = new ArrayList<>();
        events.add(REQUESTS);
        events.addAll(api.events());
        events.add(INJECTED_ERRORS);
        events.add(INJECTED_TIMEOUTS);
        this.stats = new ProviderStats(api.name(), events, registry);
        Gauge.builder("shoplab.simulator.up", this, s -> s.isUp() ? 1 : 0)
                .description("1 while the simulated provider accepts connections, 0 while it is down")
                .tag("provider", api.name())
                .register(registry);
        this.router = Router.router(vertx);
        router.route().handler(ctx -> {
            stats.increment(REQUESTS);
            ctx.next();
        });
        api.routes(this, router);
        router.route().handler(ctx -> respond(ctx, Answer.noRoute(ctx)));
        router.route().failureHandler(ctx -> respond(ctx, Answer.forFailure(ctx)));
    }

    /**
     * Adds an endpoint: it reads the body, counts {@code counter} (if not null) for every request
     * that reaches it, applies the faults, then answers what {@code endpoint} returns.
     */
    public void endpoint(Route route, String counter, Function<RoutingContext, Answer> endpoint) {
        endpoint(route, counter, Arrivals.NONE, endpoint);
    }

    /**
     * Adds an endpoint as {@link #endpoint(Route, String, Function)} does, telling {@code arrivals} of every request
     * that reaches it before its faults are applied, and when it is over: right after {@code endpoint} has handled it,
     * when an injected error fails it, or when the provider goes down while it waits out its latency.
     */
    public void endpoint(Route route, String counter, Arrivals arrivals, Function<RoutingContext, Answer> endpoint) {
        route.handler(bodies);
        route.handler(ctx -> {
            if (counter != null) {
                stats.increment(counter);
            }
            ctx.put(OVER_KEY, new AtomicReference<>(arrivals.arrived(ctx)));
            ctx.next();
        });
        route.handler(this::injectFaults);
        route.handler(ctx -> {
            Answer answer;
            try {
                answer = Answer.compute(endpoint, ctx);
            } finally {
                over(ctx);
            }
            respond(ctx, answer);
        });
    }

    /** Sends the answer, or holds the connection if this request was picked to lose its answer. */
    public void respond(RoutingContext ctx, Answer answer) {
        if (Boolean.TRUE.equals(ctx.get(HOLD_KEY))) {
            hold(ctx);
        } else {
            answer.send(ctx);
        }
    }

    /** Opens the port (at startup). */
    public synchronized Future<Void> start() {
        return changeListening(true);
    }

    /** Closes the port (at shutdown). */
    public synchronized Future<Void> stop() {
        return changeListening(false);
    }

    /** Applies new fault settings; completes once the port is open or closed as {@code down} says. */
    public synchronized Future<FaultSettings> apply(FaultSettings next) {
        faults = next;
        return changeListening(!next.down()).map(next);
    }

    /** Forgets the ledger and the counts and lifts every fault. */
    public Future<FaultSettings> reset() {
        api.ledger().clear();
        stats.reset();
        return apply(FaultSettings.NONE);
    }

    public FaultSettings faults() {
        return faults;
    }

    public ProviderStats stats() {
        return stats;
    }

    public ProviderApi api() {
        return api;
    }

    public boolean isUp() {
        return server != null;
    }

    /** Where clients reach this provider, e.g. {@code http://127.0.0.1:8091}. */
    public String url() {
        return "http://" + host + ":" + port;
    }

    private Future<Void> changeListening(boolean up) {
        lastChange = lastChange.transform(previous -> up ? listen() : close());
        return lastChange;
    }

    private Future<Void> listen() {
        if (server != null) {
            return Future.succeededFuture();
        }
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setReuseAddress(true)
                .setHandle100ContinueAutomatically(true)
                // The providers it stands for speak HTTP/1.1; an h2c upgrade offered by a client is declined.
                .setHttp2ClearTextEnabled(false);
        return vertx.createHttpServer(options)
                .requestHandler(router)
                .listen()
                .<Void>map(bound -> {
                    port = bound.actualPort();
                    server = bound;
                    return null;
                })
                .recover(failure -> Future.failedFuture(Problem.internalError(api.name()
                        + " simulator could not listen on " + url() + ": " + failure.getMessage()).asException()));
    }

    private Future<Void> close() {
        HttpServer closing = server;
        if (closing == null) {
            return Future.succeededFuture();
        }
        server = null;
        closings.incrementAndGet();
        // Every request waiting out its latency is dropped now, not when its timer would have fired: its connection
        // closes with the port, and nothing holds it in progress any more.
        for (Long timer : List.copyOf(waiting.keySet())) {
            RoutingContext ctx = waiting.remove(timer);
            if (ctx != null) {
                vertx.cancelTimer(timer);
                drop(ctx);
            }
        }
        return closing.close();
    }

    private void injectFaults(RoutingContext ctx) {
        FaultSettings current = faults;
        long delay = current.delayMs(ThreadLocalRandom.current());
        if (delay == 0) {
            decideFate(ctx, current);
            return;
        }
        long arrivedBefore = closings.get();
        // The timer runs on this event loop, after this handler: it always finds the request registered.
        long timer = vertx.setTimer(delay, id -> {
            if (waiting.remove(id) == null) {
                return; // dropped when the provider went down
            }
            if (closings.get() != arrivedBefore) {
                drop(ctx); // the port closed, and opened again, while the request waited: it was dropped then
            } else {
                decideFate(ctx, current);
            }
        });
        waiting.put(timer, ctx);
    }

    private void decideFate(RoutingContext ctx, FaultSettings current) {
        if (server == null) {
            // The provider went down while this request was on its way in: it is never handled.
            drop(ctx);
            return;
        }
        switch (current.fate(ThreadLocalRandom.current().nextDouble())) {
            case FAIL -> {
                over(ctx);
                stats.increment(INJECTED_ERRORS);
                respond(ctx, Answer.problem(Problem.of("injected-error", "Injected provider error", 503,
                        api.name() + " simulator: injected error (errorRate " + current.errorRate() + ")")));
            }
            case HOLD -> {
                stats.increment(INJECTED_TIMEOUTS);
                ctx.put(HOLD_KEY, true);
                ctx.next();
            }
            case ANSWER -> ctx.next();
        }
    }

    /** A request that is never handled: it is over on the provider's side, and its connection is closed. */
    private void drop(RoutingContext ctx) {
        over(ctx);
        ctx.request().connection().close();
    }

    /** Tells the endpoint's {@link Arrivals} that the request is over, once, whoever calls it first. */
    private static void over(RoutingContext ctx) {
        AtomicReference<Runnable> callback = ctx.get(OVER_KEY);
        Runnable run = callback == null ? null : callback.getAndSet(null);
        if (run != null) {
            run.run();
        }
    }

    private void hold(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        long timer = vertx.setTimer(hangLimitMs, id -> connection.close());
        ctx.response().closeHandler(closed -> vertx.cancelTimer(timer));
    }
}
