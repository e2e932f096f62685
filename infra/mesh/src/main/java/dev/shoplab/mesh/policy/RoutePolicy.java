package dev.shoplab.mesh.policy;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One HTTPRoute of a VirtualService, as the mesh applies it.
 *
 * @param name    the route's {@code name}, or {@code http[i]} when it has none; a metrics label
 * @param matches the {@code match} list; empty matches every request
 * @param retries the retry policy in force (Istio's default one when the route sets none)
 * @param timeout bound on the whole call including retries; null = none (Istio's default)
 * @param fault   fault injection, or null
 */
public record RoutePolicy(String name, List<RouteMatch> matches, RetryPolicy retries, Duration timeout,
                          FaultPolicy fault) {

    /** The route Envoy uses for a host with no VirtualService: Istio's default retries, no timeout. */
    public static final RoutePolicy DEFAULT = new RoutePolicy("default", List.of(), RetryPolicy.ISTIO_DEFAULT, null, null);

    /** Keeps an immutable copy of the match list. */
    public RoutePolicy {
        matches = List.copyOf(matches);
    }

    /** Whether a request selects this route. */
    public boolean selects(String method, String path, Function<String, String> header) {
        return matches.isEmpty() || matches.stream().anyMatch(m -> m.matches(method, path, header));
    }
}
