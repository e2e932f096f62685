package dev.shoplab.edge;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Load shedding at the edge: at most {@link EdgeLimits#maxRequestsInFlight()} requests under {@code /api} are
 * handled at once; one more is answered at once {@code 503} problem {@code …/overloaded} with {@code Retry-After: 1}
 * (RFC 9110 §15.6.4), before any of it is done — nothing written, so repeating it is safe. Admission is decided on
 * the event loop, before a blocking endpoint's request is handed to the worker pool, whose queue is unbounded: past
 * its capacity a service would otherwise queue requests until its heap runs out (the monolith did, at 1100 orders/s,
 * docs/adr/0023-load-shedding-at-the-edge.md). A request holds its place until Quarkus REST has completed it, whether
 * or not its client still waits. The limiter is Netflix's concurrency-limits {@link SimpleLimiter} with a
 * {@link FixedLimit}; {@code /q/metrics} shows {@code shoplab_http_requests_in_flight} and
 * {@code shoplab_http_requests_shed_total} from start-up. Not counted: what the edge answers before a request is
 * routed (a 404, 405, 415, or the refusals of {@link EdgeFilters}), and a chunked body {@link EdgeFilters} buffers
 * (up to {@link EdgeLimits#apiBodyLimit()}) before admission; a client that sends its body slowly holds its place
 * until the read times out.
 */
@Startup
@ApplicationScoped
public class LoadShedding {

    /** Seconds a shed client is asked to wait ({@code Retry-After}). */
    public static final int RETRY_AFTER_SECONDS = 1;

    private final SimpleLimiter<Void> limiter;
    private final Counter shed;
    private final ProblemMappers problems;

    LoadShedding(EdgeLimits limits, MeterRegistry metrics, ProblemMappers problems) {
        this.limiter = SimpleLimiter.newBuilder().named("api").limit(FixedLimit.of(limits.maxRequestsInFlight()))
                .build();
        this.problems = problems;
        this.shed = Counter.builder("shoplab.http.requests.shed")
                .description("Requests under /api answered 503 overloaded, not handled (load shedding)")
                .register(metrics);
        Gauge.builder("shoplab.http.requests.in.flight", limiter, SimpleLimiter::getInflight)
                .description("Requests under /api being handled now; at most shoplab.http.max-requests-in-flight")
                .register(metrics);
    }

    /**
     * Takes a place for a request under {@code /api}, or answers it {@code 503 overloaded} when none is free. The
     * place is given back when Quarkus REST has completed the request (its JAX-RS {@code CompletionCallback}): after
     * the answer, a mapped failure's too, and after the work of a request whose client went away, for which no
     * response filter runs.
     */
    @ServerRequestFilter(nonBlocking = true)
    public Optional<Response> admit(ContainerRequestContext context, ServerRequestContext server,
                                   HttpServerRequest request) {
        String path = context.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return Optional.empty();
        }
        Optional<Limiter.Listener> place = limiter.acquire(null);
        if (place.isEmpty()) {
            shed.increment();
            Response refusal = problems.answer(Problems.overloaded(limiter.getLimit(), RETRY_AFTER_SECONDS), request);
            return Optional.of(Response.fromResponse(refusal)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build());
        }
        Limiter.Listener held = place.get();
        server.registerCompletionCallback(failure -> held.onSuccess());
        return Optional.empty();
    }
}
