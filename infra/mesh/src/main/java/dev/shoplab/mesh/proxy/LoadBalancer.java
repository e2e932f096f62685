package dev.shoplab.mesh.proxy;

import dev.shoplab.mesh.Upstream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Istio's default LEAST_REQUEST balancing (fewest tries in flight, ties taken in round-robin order), with
 * the previous-hosts retry predicate Istio sets: a retry avoids endpoints this request already tried when
 * another one is eligible. Confined to the destination's event loop.
 */
final class LoadBalancer {

    private final Map<Upstream, Integer> inFlight = new HashMap<>();
    private int next;

    /** Picks an endpoint among the eligible ones, avoiding {@code avoid} when possible; null if none is eligible. */
    Upstream pick(List<Upstream> eligible, Set<Upstream> avoid) {
        List<Upstream> candidates = eligible.stream().filter(u -> !avoid.contains(u)).toList();
        if (candidates.isEmpty()) {
            candidates = eligible;
        }
        if (candidates.isEmpty()) {
            return null;
        }
        int start = Math.floorMod(next++, candidates.size());
        Upstream best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < candidates.size(); i++) {
            Upstream u = candidates.get((start + i) % candidates.size());
            int load = inFlight.getOrDefault(u, 0);
            if (load < bestLoad) {
                best = u;
                bestLoad = load;
            }
        }
        return best;
    }

    void started(Upstream u) {
        inFlight.merge(u, 1, Integer::sum);
    }

    void finished(Upstream u) {
        inFlight.merge(u, -1, Integer::sum);
    }
}
