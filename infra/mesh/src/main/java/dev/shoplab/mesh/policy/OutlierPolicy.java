package dev.shoplab.mesh.policy;

import java.time.Duration;

/**
 * DestinationRule {@code trafficPolicy.outlierDetection}.
 *
 * @param consecutive5xxErrors     5xx answers (and local failures) in a row that eject a host; 0 = off
 * @param consecutiveGatewayErrors 502/503/504 (and local failures) in a row that eject a host; 0 = off
 * @param interval                 sweep period: hosts come back (and multipliers decay) on sweeps only
 * @param baseEjectionTime         ejection time, multiplied by the number of ejections in a row
 * @param maxEjectionPercent       at most this share of the hosts is ejected at once
 * @param minHealthPercent         below this share of healthy hosts, route to all hosts (panic); 0 = never
 */
public record OutlierPolicy(int consecutive5xxErrors, int consecutiveGatewayErrors, Duration interval,
                            Duration baseEjectionTime, int maxEjectionPercent, int minHealthPercent) {

    /** Envoy's default cap on the ejection time (Istio does not expose it), when the base is shorter. */
    public static final Duration MAX_EJECTION_TIME = Duration.ofSeconds(300);

    /**
     * The longest an endpoint stays ejected: Envoy's {@code max_ejection_time}, whose default is 300 s or
     * {@code baseEjectionTime}, whichever is longer (Envoy's outlier detection reference).
     */
    public Duration maxEjectionTime() {
        return baseEjectionTime.compareTo(MAX_EJECTION_TIME) > 0 ? baseEjectionTime : MAX_EJECTION_TIME;
    }
}
