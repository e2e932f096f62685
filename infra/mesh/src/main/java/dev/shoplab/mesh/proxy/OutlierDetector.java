package dev.shoplab.mesh.proxy;

import dev.shoplab.mesh.Upstream;
import dev.shoplab.mesh.policy.OutlierPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Envoy's consecutive-errors outlier detection for the endpoints of one destination. Local failures
 * (connect failure, reset: as 503; timeout: as 504) count like answers, as in Envoy without
 * split_external_local_origin_errors (Istio's default). Ejection is immediate; return to service and
 * the decay of the ejection multiplier happen on interval sweeps. Confined to the destination's event
 * loop; {@link #ejected(Upstream)} may be read from any thread.
 */
final class OutlierDetector {

    /** Told about ejections and returns, for metrics and logs. */
    interface Listener {
        void ejected(Upstream upstream, Duration ejectionTime);

        void returned(Upstream upstream);
    }

    private static final class Host {
        int consecutive5xx;
        int consecutiveGateway;
        volatile boolean ejected;
        long lastEjectionNanos;
        int ejectTimeBackoff;
    }

    private final Map<Upstream, Host> hosts = new LinkedHashMap<>();
    private final LongSupplier nanoClock;
    private final Listener listener;

    OutlierDetector(List<Upstream> upstreams, LongSupplier nanoClock, Listener listener) {
        upstreams.forEach(u -> hosts.put(u, new Host()));
        this.nanoClock = nanoClock;
        this.listener = listener;
    }

    /** Records the result of one try: an HTTP status, or 503/504 for a local failure. */
    void report(Upstream upstream, int status, OutlierPolicy policy) {
        Host h = hosts.get(upstream);
        if (policy == null || h == null) {
            return;
        }
        if (status < 500 || status > 599) {
            h.consecutive5xx = 0;
            h.consecutiveGateway = 0;
            return;
        }
        if (status >= 502 && status <= 504) {
            h.consecutiveGateway++;
            if (policy.consecutiveGatewayErrors() > 0 && h.consecutiveGateway >= policy.consecutiveGatewayErrors()) {
                h.consecutiveGateway = 0;
                eject(upstream, h, policy);
            }
        } else {
            h.consecutiveGateway = 0;
        }
        h.consecutive5xx++;
        if (policy.consecutive5xxErrors() > 0 && h.consecutive5xx >= policy.consecutive5xxErrors()) {
            h.consecutive5xx = 0;
            eject(upstream, h, policy);
        }
    }

    private void eject(Upstream upstream, Host h, OutlierPolicy policy) {
        if (h.ejected) {
            return;
        }
        long ejectedNow = hosts.values().stream().filter(x -> x.ejected).count();
        double percentAfter = 100.0 * (ejectedNow + 1) / hosts.size();
        if (percentAfter > policy.maxEjectionPercent()) {
            return;
        }
        long base = policy.baseEjectionTime().toNanos();
        if ((long) h.ejectTimeBackoff * base < policy.maxEjectionTime().toNanos()) {
            h.ejectTimeBackoff++;
        }
        h.ejected = true;
        h.lastEjectionNanos = nanoClock.getAsLong();
        listener.ejected(upstream, ejectionTime(h, policy));
    }

    private static Duration ejectionTime(Host h, OutlierPolicy policy) {
        Duration d = policy.baseEjectionTime().multipliedBy(Math.max(1, h.ejectTimeBackoff));
        return d.compareTo(policy.maxEjectionTime()) > 0 ? policy.maxEjectionTime() : d;
    }

    /** The interval sweep: returns hosts whose ejection time has passed; healthy hosts' multipliers decay. */
    void sweep(OutlierPolicy policy) {
        if (policy == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        hosts.forEach((upstream, h) -> {
            if (!h.ejected) {
                if (h.ejectTimeBackoff > 0) {
                    h.ejectTimeBackoff--;
                }
                return;
            }
            if (now - h.lastEjectionNanos >= ejectionTime(h, policy).toNanos()) {
                h.ejected = false;
                h.consecutive5xx = 0;
                h.consecutiveGateway = 0;
                listener.returned(upstream);
            }
        });
    }

    /**
     * The endpoints traffic may go to: the healthy ones, or all of them when the healthy share is below
     * {@code minHealthPercent} (Envoy's panic mode; Istio's default 0 never panics). May be empty.
     */
    List<Upstream> eligible(OutlierPolicy policy) {
        List<Upstream> healthy = new ArrayList<>();
        hosts.forEach((u, h) -> {
            if (!h.ejected) {
                healthy.add(u);
            }
        });
        if (policy != null && 100.0 * healthy.size() / hosts.size() < policy.minHealthPercent()) {
            return List.copyOf(hosts.keySet());
        }
        return healthy;
    }

    /** Whether an endpoint is ejected now. */
    boolean ejected(Upstream upstream) {
        Host h = hosts.get(upstream);
        return h != null && h.ejected;
    }

    /** Forgets every ejection and counter (the destination's traffic policy changed, as a new Envoy cluster). */
    void reset() {
        hosts.forEach((u, h) -> {
            boolean was = h.ejected;
            h.ejected = false;
            h.consecutive5xx = 0;
            h.consecutiveGateway = 0;
            h.ejectTimeBackoff = 0;
            if (was) {
                listener.returned(u);
            }
        });
    }
}
