package dev.shoplab.mesh.policy;

import java.time.Duration;

/**
 * Istio HTTPFaultInjection, applied once per request before routing (like Envoy's fault filter).
 *
 * @param delay          fixed delay, or null for no delay fault
 * @param delayPercent   share of requests delayed, 0 to 100
 * @param abortStatus    HTTP status answered instead of forwarding, or null for no abort fault
 * @param abortPercent   share of requests aborted, 0 to 100
 */
public record FaultPolicy(Duration delay, double delayPercent, Integer abortStatus, double abortPercent) {
}
