package dev.shoplab.mesh.policy;

/**
 * DestinationRule {@code trafficPolicy} parts the mesh applies.
 *
 * @param connectionPool circuit-breaker thresholds
 * @param outlier        outlier detection, or null when the rule has none (off, as in Istio)
 */
public record TrafficPolicy(ConnectionPoolPolicy connectionPool, OutlierPolicy outlier) {

    /** No DestinationRule: unlimited pool, no outlier detection. */
    public static final TrafficPolicy DEFAULT = new TrafficPolicy(ConnectionPoolPolicy.DEFAULT, null);
}
