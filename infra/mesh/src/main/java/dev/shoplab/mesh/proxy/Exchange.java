package dev.shoplab.mesh.proxy;

import dev.shoplab.mesh.Upstream;
import dev.shoplab.mesh.admin.Problems;
import dev.shoplab.mesh.metrics.MeshMetrics;
import dev.shoplab.mesh.policy.ConnectionPoolPolicy;
import dev.shoplab.mesh.policy.FaultPolicy;
import dev.shoplab.mesh.policy.HostPolicy;
import dev.shoplab.mesh.policy.OutlierPolicy;
import dev.shoplab.mesh.policy.RetryPolicy;
import dev.shoplab.mesh.policy.RoutePolicy;
import dev.shoplab.mesh.tracing.MeshTracing;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One downstream request through the mesh, following Envoy's router: fault filter first (delay, abort),
 * then tries with retries, per-try timeout, back-off and the route timeout over all of it. The body is
 * buffered so that every try sends it again intact. Runs on the destination's event loop. With tracing on, the
 * request and each try are spans ({@link MeshTracing}).
 */
final class Exchange {

    /** Request header carrying the 1-based try number to the upstream (also sent as x-envoy-attempt-count). */
    static final String ATTEMPT_HEADER = "x-shoplab-attempt";
    static final String ENVOY_ATTEMPT_COUNT = "x-envoy-attempt-count";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private final DestinationProxy destination;
    private final MeshMetrics metrics;
    private final HttpServerRequest request;
    private final ProxyRequest proxyRequest;
    private final MeshTracing tracing;
    private Span span;
    private HostPolicy policy;
    private RoutePolicy route;
    private ConnectionPoolPolicy pool;
    private Buffer body;
    private Set<Integer> extraRetriableCodes = Set.of();
    private final Set<Upstream> tried = new HashSet<>();
    private int tries;
    /** Tries that left for an endpoint (not those the pool refused or that found no healthy endpoint). */
    private int sentTries;
    private int retries;
    private boolean retryOutstanding;
    private long routeTimer = -1;
    private long backoffTimer = -1;
    private Try current;
    private boolean done;

    Exchange(DestinationProxy destination, HttpServerRequest request) {
        this.destination = destination;
        this.metrics = destination.metrics();
        this.request = request;
        this.proxyRequest = ProxyRequest.reverseProxy(request);
        this.tracing = destination.tracing();
    }

    void start() {
        policy = destination.policy();
        pool = policy.traffic().connectionPool();
        String path = request.path() == null ? "/" : request.path();
        span = tracing.startRequest(request.headers(), request.method().name(), path, destination.host());
        route = policy.route(request.method().name(), path, request::getHeader).orElse(null);
        request.response().closeHandler(v -> abandon());
        if (route == null) {
            // Envoy: a VirtualService exists and none of its routes matches (response flag NR).
            reply(404, "", "no_route", "");
            return;
        }
        String codes = request.getHeader("x-envoy-retriable-status-codes");
        if (codes != null) {
            extraRetriableCodes = parseCodes(codes);
        }
        if (!proxyRequest.headers().contains("x-request-id")) {
            proxyRequest.putHeader("x-request-id", UUID.randomUUID().toString());
        }
        readBody();
    }

    private void readBody() {
        ReadStream<Buffer> stream = proxyRequest.getBody().stream();
        Buffer buffered = Buffer.buffer();
        long max = destination.maxBodyBytes();
        stream.handler(chunk -> {
            if (done) {
                return;
            }
            if (buffered.length() + (long) chunk.length() > max) {
                done = true;
                countAnswered("413", "payload_too_large");
                tracing.endRequest(span, "payload_too_large", 413, tries);
                request.response().putHeader("connection", "close");
                Problems.send(request.response(), 413, "payload-too-large", "Request body too large",
                        "the mesh buffers request bodies to replay them on retry; this one exceeds " + max + " bytes");
                return;
            }
            buffered.appendBuffer(chunk);
        });
        stream.exceptionHandler(e -> abandon());
        stream.endHandler(v -> {
            if (done) {
                return;
            }
            boolean declared = request.headers().contains("content-length") || request.headers().contains("transfer-encoding");
            body = buffered.length() == 0 && !declared ? null : buffered;
            applyFaults();
        });
        stream.resume();
    }

    /** Envoy's fault filter: a delay, then an abort, each drawn with its percentage, before any routing. */
    private void applyFaults() {
        FaultPolicy fault = route.fault();
        if (fault != null && fault.delay() != null && draw(fault.delayPercent())) {
            metrics.faults.inc(destination.host(), route.name(), "delay");
            destination.getVertx().setTimer(Math.max(1, fault.delay().toMillis()), id -> abortOrRoute(fault));
        } else {
            abortOrRoute(fault);
        }
    }

    private void abortOrRoute(FaultPolicy fault) {
        if (done) {
            return;
        }
        if (fault != null && fault.abortStatus() != null && draw(fault.abortPercent())) {
            metrics.faults.inc(destination.host(), route.name(), "abort");
            reply(fault.abortStatus(), "fault filter abort", "fault_abort", "");
            return;
        }
        if (route.timeout() != null) {
            routeTimer = destination.getVertx().setTimer(Math.max(1, route.timeout().toMillis()), id -> onRouteTimeout());
        }
        sendTry();
    }

    private static boolean draw(double percent) {
        return percent > 0 && ThreadLocalRandom.current().nextDouble(100.0) < percent;
    }

    private void sendTry() {
        backoffTimer = -1;
        if (done) {
            return;
        }
        OutlierPolicy outlier = policy.traffic().outlier();
        if (destination.detector().eligible(outlier).isEmpty()) {
            metrics.noHealthyUpstream.inc(destination.host());
            reply(503, "no healthy upstream", "no_healthy_upstream", "");
            return;
        }
        Try attempt = new Try(++tries);
        current = attempt;
        switch (destination.limiter().acquire(pool, attempt.onGranted)) {
            case GRANTED -> attempt.granted();
            case QUEUED -> attempt.queued = true;
            case OVERFLOW -> {
                // Envoy never retries an overflow: the circuit breaker answers at once.
                current = null;
                attempt.traced("overflow", 0);
                metrics.overflows.inc(destination.host());
                reply(503, "upstream connect error or disconnect/reset before headers. reset reason: overflow",
                        "overflow", "x-envoy-overloaded");
            }
        }
    }

    /** One try: a pool slot, an endpoint, a connection, the request sent, then an answer, a failure or a timeout. */
    private final class Try {
        final int number;
        final Runnable onGranted = this::granted;
        boolean queued;
        boolean holdsSlot;
        boolean finished;
        /** The upstream's headers came: the try has its outcome, whatever happens to the body after. */
        boolean answered;
        Upstream upstream;
        HttpClientRequest clientRequest;
        long perTryTimer = -1;
        Span span;

        Try(int number) {
            this.number = number;
            this.span = tracing.startTry(Exchange.this.span, destination.host(), number);
        }

        /** Ends this try's span (once) with its outcome and, if it got an answer, its status. */
        void traced(String outcome, int status) {
            tracing.endTry(span, outcome, status);
            span = null;
        }

        void granted() {
            queued = false;
            holdsSlot = true;
            if (done) {
                release();
                traced("cancelled", 0);
                return;
            }
            upstream = destination.balancer().pick(destination.detector().eligible(policy.traffic().outlier()),
                    route.retries().ignorePreviousHosts() ? tried : Set.of());
            if (upstream == null) {
                release();
                finished = true;
                traced("no_healthy_upstream", 0);
                metrics.noHealthyUpstream.inc(destination.host());
                reply(503, "no healthy upstream", "no_healthy_upstream", "");
                return;
            }
            tried.add(upstream);
            sentTries++; // it leaves for an endpoint: what the next hop can see of it
            destination.balancer().started(upstream);
            RequestOptions options = new RequestOptions()
                    .setServer(SocketAddress.inetSocketAddress(upstream.port(), upstream.host()))
                    .setHost(upstream.host()).setPort(upstream.port())
                    .setConnectTimeout(pool.connectTimeout().toMillis());
            destination.client().request(options).onComplete(ar -> {
                if (ar.succeeded()) {
                    connected(ar.result());
                } else {
                    connectFailed();
                }
            });
        }

        void connected(HttpClientRequest req) {
            if (finished || done) {
                req.reset();
                return;
            }
            clientRequest = req;
            RetryPolicy retryPolicy = route.retries();
            if (retryPolicy.perTryTimeout() != null) {
                perTryTimer = destination.getVertx().setTimer(Math.max(1, retryPolicy.perTryTimeout().toMillis()),
                        id -> perTryTimedOut());
            }
            if (destination.lastUseOf(req.connection(), pool.maxRequestsPerConnection())) {
                req.putHeader("connection", "close");
            }
            proxyRequest.putHeader(ENVOY_ATTEMPT_COUNT, Integer.toString(number));
            proxyRequest.putHeader(ATTEMPT_HEADER, Integer.toString(number));
            proxyRequest.setBody(body == null ? null : Body.body(body));
            tracing.sendingTo(span, upstream.host(), upstream.port(), proxyRequest.headers());
            proxyRequest.send(req).onComplete(ar -> {
                if (ar.succeeded()) {
                    answered(ar.result());
                } else {
                    reset();
                }
            });
        }

        void connectFailed() {
            if (finished) {
                return;
            }
            endWith("connect_failure", 503);
            if (done) {
                return;
            }
            if (route.retries().retriesConnectFailure() && mayRetry()) {
                scheduleRetry();
            } else {
                reply(503, "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
                        "connect_failure", "");
            }
        }

        void perTryTimedOut() {
            perTryTimer = -1;
            if (finished || done) {
                return;
            }
            metrics.perTryTimeouts.inc(destination.host(), route.name());
            endWith("per_try_timeout", 504);
            if (route.retries().retriesReset() && mayRetry()) {
                scheduleRetry();
            } else {
                reply(504, "upstream request timeout", "per_try_timeout", "");
            }
        }

        void reset() {
            if (finished) {
                return;
            }
            endWith("reset", 503);
            if (done) {
                return;
            }
            if (route.retries().retriesReset() && mayRetry()) {
                scheduleRetry();
            } else {
                reply(503, "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
                        "reset", "");
            }
        }

        void answered(ProxyResponse response) {
            if (finished) {
                response.release();
                return;
            }
            cancelPerTryTimer();
            int status = response.getStatusCode();
            traced(Integer.toString(status), status);
            metrics.tries.inc(destination.host(), route.name(), upstream.toString(), Integer.toString(status));
            destination.detector().report(upstream, status, policy.traffic().outlier());
            endRetryToken();
            answered = true;
            // an upstream's 503 carrying x-envoy-overloaded is retried like any other: Envoy stopped exempting it
            // in 1.15 (envoyproxy/envoy#10706); only this mesh's own pool overflow is never retried
            if (!done && route.retries().retriesStatus(status, extraRetriableCodes) && mayRetry()) {
                finished = true;
                response.release();
                release();
                scheduleRetry();
                return;
            }
            if (done) {
                finished = true;
                response.release();
                release();
                return;
            }
            HOP_BY_HOP.forEach(h -> response.headers().remove(h));
            response.putHeader(ENVOY_ATTEMPT_COUNT, Integer.toString(tries));
            response.send().onComplete(ar -> {
                finished = true;
                release();
                complete(status, "upstream");
            });
        }

        /** Ends a try that got no answer: metrics, outlier detection (as 503 or 504), slot back. */
        void endWith(String outcome, int outlierStatus) {
            finished = true;
            traced(outcome, 0);
            cancelPerTryTimer();
            if (clientRequest != null) {
                clientRequest.reset();
            }
            metrics.tries.inc(destination.host(), route.name(), upstream.toString(), outcome);
            destination.detector().report(upstream, outlierStatus, policy.traffic().outlier());
            endRetryToken();
            release();
        }

        /** Stops this try because the whole request ended (route timeout, client gone). */
        void cancel(String outcome, boolean countAsTimeout) {
            traced(outcome, 0);
            if (queued) {
                destination.limiter().cancel(onGranted);
                queued = false;
                finished = true;
                return;
            }
            if (finished || upstream == null) {
                return;
            }
            finished = true;
            cancelPerTryTimer();
            if (clientRequest != null) {
                clientRequest.reset();
            }
            if (answered) {
                // its answer was counted and reported when its headers came; Envoy's route timeout counts a
                // timeout for outlier detection only while it awaits the headers
                release();
                return;
            }
            metrics.tries.inc(destination.host(), route.name(), upstream.toString(), outcome);
            if (countAsTimeout) {
                destination.detector().report(upstream, 504, policy.traffic().outlier());
            }
            release();
        }

        private void cancelPerTryTimer() {
            if (perTryTimer >= 0) {
                destination.getVertx().cancelTimer(perTryTimer);
                perTryTimer = -1;
            }
        }

        private void release() {
            if (holdsSlot) {
                holdsSlot = false;
                destination.limiter().release(pool);
                if (upstream != null) {
                    destination.balancer().finished(upstream);
                }
            }
        }
    }

    /** Whether one more retry is allowed: attempts left and the maxRetries circuit breaker not open. */
    private boolean mayRetry() {
        if (retries >= route.retries().attempts()) {
            return false;
        }
        if (!destination.limiter().tryStartRetry(pool)) {
            metrics.retryOverflows.inc(destination.host(), route.name());
            return false;
        }
        retryOutstanding = true;
        return true;
    }

    private void endRetryToken() {
        if (retryOutstanding) {
            retryOutstanding = false;
            destination.limiter().endRetry();
        }
    }

    private void scheduleRetry() {
        retries++;
        metrics.retries.inc(destination.host(), route.name());
        long wait = RetryBackoff.delayMillis(retries, route.retries().backoffBase(), ThreadLocalRandom.current());
        backoffTimer = destination.getVertx().setTimer(Math.max(1, wait), id -> sendTry());
    }

    private void onRouteTimeout() {
        routeTimer = -1;
        if (done) {
            return;
        }
        metrics.routeTimeouts.inc(destination.host(), route.name());
        if (current != null) {
            current.cancel("route_timeout", true);
        }
        if (request.response().headWritten()) {
            // The answer had started: Envoy resets the stream.
            done = true;
            countAnswered("504", "route_timeout");
            tracing.endRequest(span, "route_timeout", 504, tries);
            request.response().reset();
            cleanUp();
            return;
        }
        reply(504, "upstream request timeout", "route_timeout", "");
    }

    /** The client went away: stop whatever is in flight. */
    private void abandon() {
        if (done) {
            return;
        }
        done = true;
        if (current != null) {
            current.cancel("cancelled", false);
        }
        countAnswered("0", "downstream_disconnect");
        tracing.endRequest(span, "downstream_disconnect", 0, tries);
        cleanUp();
    }

    /** A local answer (Envoy's local reply): text/plain body, the try count, and an optional flag header. */
    private void reply(int status, String text, String outcome, String flagHeader) {
        if (done) {
            return;
        }
        ProxyResponse response = proxyRequest.response();
        response.setStatusCode(status);
        response.putHeader("content-type", "text/plain");
        if (tries > 0) {
            response.putHeader(ENVOY_ATTEMPT_COUNT, Integer.toString(tries));
        }
        if (!flagHeader.isEmpty()) {
            response.putHeader(flagHeader, "true");
        }
        response.setBody(Body.body(Buffer.buffer(text)));
        response.send();
        complete(status, outcome);
    }

    private void complete(int status, String outcome) {
        if (done) {
            return;
        }
        done = true;
        countAnswered(Integer.toString(status), outcome);
        tracing.endRequest(span, outcome, status, tries);
        cleanUp();
    }

    /** The request is answered (or given up): counted with its final code and outcome, and its tries. */
    private void countAnswered(String code, String outcome) {
        String routeName = route == null ? "none" : route.name();
        metrics.requests.inc(destination.host(), routeName, code, outcome);
        metrics.requestTries.add(sentTries, destination.host(), routeName);
    }

    private void cleanUp() {
        if (routeTimer >= 0) {
            destination.getVertx().cancelTimer(routeTimer);
            routeTimer = -1;
        }
        if (backoffTimer >= 0) {
            destination.getVertx().cancelTimer(backoffTimer);
            backoffTimer = -1;
        }
        endRetryToken();
    }

    private static Set<Integer> parseCodes(String header) {
        Set<Integer> codes = new HashSet<>();
        for (String part : List.of(header.split(","))) {
            try {
                codes.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException ignored) {
                // Envoy skips entries that are not numbers
            }
        }
        return codes;
    }
}
