package dev.shoplab.mesh.policy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A route's retry policy with Istio's meaning: {@code attempts} retries after the first try, so at most
 * {@code 1 + attempts} tries.
 *
 * @param attempts            retries allowed after the first try (0 = no retry)
 * @param perTryTimeout       bound on one try from the moment it has a connection; null = none
 * @param retryOn             conditions that make a try retriable
 * @param retriableStatusCodes statuses retried under retriable-status-codes
 * @param backoffBase         Envoy back-off base interval (the cap is ten times this)
 * @param ignorePreviousHosts a retry prefers an upstream endpoint not tried yet (Istio's default)
 */
public record RetryPolicy(int attempts, Duration perTryTimeout, Set<RetryOn> retryOn,
                          Set<Integer> retriableStatusCodes, Duration backoffBase, boolean ignorePreviousHosts) {

    /** Envoy's default retry back-off base interval. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(25);

    /**
     * What Istio programs into Envoy when a route has no {@code retries} block: 2 retries on
     * connect-failure, refused-stream, unavailable, cancelled and retriable-status-codes with 503.
     */
    public static final RetryPolicy ISTIO_DEFAULT = new RetryPolicy(2, null,
            EnumSet.of(RetryOn.CONNECT_FAILURE, RetryOn.REFUSED_STREAM, RetryOn.UNAVAILABLE, RetryOn.CANCELLED,
                    RetryOn.RETRIABLE_STATUS_CODES),
            Set.of(503), DEFAULT_BACKOFF, true);

    /** {@code attempts: 0}: retries switched off. */
    public static final RetryPolicy NONE = new RetryPolicy(0, null, EnumSet.noneOf(RetryOn.class), Set.of(),
            DEFAULT_BACKOFF, true);

    /** Copies the sets so the record stays immutable. */
    public RetryPolicy {
        retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
        retriableStatusCodes = Set.copyOf(retriableStatusCodes);
    }

    /** Whether an upstream answer with this status is retried (extra codes come from x-envoy-retriable-status-codes). */
    public boolean retriesStatus(int status, Set<Integer> extraCodes) {
        if (retryOn.contains(RetryOn.FIVE_XX) && status >= 500 && status <= 599) {
            return true;
        }
        if (retryOn.contains(RetryOn.GATEWAY_ERROR) && status >= 502 && status <= 504) {
            return true;
        }
        if (retryOn.contains(RetryOn.RETRIABLE_4XX) && status == 409) {
            return true;
        }
        return retryOn.contains(RetryOn.RETRIABLE_STATUS_CODES)
                && (retriableStatusCodes.contains(status) || extraCodes.contains(status));
    }

    /** Whether a try that was reset or timed out before an answer is retried (Envoy: 5xx, gateway-error, reset). */
    public boolean retriesReset() {
        return retryOn.contains(RetryOn.FIVE_XX) || retryOn.contains(RetryOn.GATEWAY_ERROR)
                || retryOn.contains(RetryOn.RESET);
    }

    /** Whether a try whose connection could not be opened is retried. */
    public boolean retriesConnectFailure() {
        return retriesReset() || retryOn.contains(RetryOn.CONNECT_FAILURE)
                || retryOn.contains(RetryOn.RESET_BEFORE_REQUEST);
    }
}
