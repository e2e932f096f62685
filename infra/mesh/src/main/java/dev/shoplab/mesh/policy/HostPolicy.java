package dev.shoplab.mesh.policy;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the mesh applies to one destination host.
 *
 * @param host     the destination host name (short form, e.g. {@code inventory-service})
 * @param routes   the VirtualService's HTTP routes in order, or null when no VirtualService names the host
 * @param traffic  the DestinationRule's traffic policy (defaults when there is none)
 * @param sources  where the policy came from (files, admin uploads)
 * @param warnings fields that were read but are not applied by the local mesh
 */
public record HostPolicy(String host, List<RoutePolicy> routes, TrafficPolicy traffic, List<String> sources,
                         List<String> warnings) {

    /** Keeps immutable copies of the lists. */
    public HostPolicy {
        routes = routes == null ? null : List.copyOf(routes);
        sources = List.copyOf(sources);
        warnings = List.copyOf(warnings);
    }

    /** The policy of a host no file mentions: Istio's defaults. */
    public static HostPolicy defaults(String host) {
        return new HostPolicy(host, null, TrafficPolicy.DEFAULT, List.of(), List.of());
    }

    /**
     * The first route that selects the request, Istio's default route when there is no VirtualService,
     * or empty when a VirtualService exists and none of its routes matches (Envoy answers 404 then).
     */
    public Optional<RoutePolicy> route(String method, String path, Function<String, String> header) {
        if (routes == null) {
            return Optional.of(RoutePolicy.DEFAULT);
        }
        return routes.stream().filter(r -> r.selects(method, path, header)).findFirst();
    }
}
