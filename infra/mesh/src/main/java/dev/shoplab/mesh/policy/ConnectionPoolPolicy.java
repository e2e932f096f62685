package dev.shoplab.mesh.policy;

import java.time.Duration;

/**
 * DestinationRule {@code trafficPolicy.connectionPool}: Envoy's circuit-breaker thresholds for one destination.
 *
 * @param maxConnections           tcp.maxConnections: requests in flight at once (HTTP/1.1: one per connection)
 * @param maxPendingRequests       http.http1MaxPendingRequests: requests queued waiting for a connection
 * @param maxRequests              http.http2MaxRequests: requests active at once, queued or not counted apart
 * @param maxRequestsPerConnection http.maxRequestsPerConnection: 0 = unlimited keep-alive, 1 = no keep-alive
 * @param maxRetries               http.maxRetries: retries outstanding at once across the destination
 * @param connectTimeout           tcp.connectTimeout
 */
public record ConnectionPoolPolicy(int maxConnections, int maxPendingRequests, int maxRequests,
                                   int maxRequestsPerConnection, int maxRetries, Duration connectTimeout) {

    /** Istio's defaults: every threshold 2^32-1 (here Integer.MAX_VALUE), connect timeout 10 s. */
    public static final ConnectionPoolPolicy DEFAULT = new ConnectionPoolPolicy(Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, 0, Integer.MAX_VALUE, Duration.ofSeconds(10));
}
