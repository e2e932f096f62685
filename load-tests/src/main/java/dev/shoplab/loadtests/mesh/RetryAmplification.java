package dev.shoplab.loadtests.mesh;

import dev.shoplab.loadtests.results.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retry amplification along a chain of mesh hops, predicted and measured.
 * <p>
 * Istio's retry semantics (Envoy's router): a hop whose route has {@code retries.attempts: N} tries a request up to
 * {@code 1 + N} times when every try fails with a condition of its {@code retryOn}. A service that answers its
 * caller with a 5xx after its own hop gave up makes the caller's hop retry too, and each of those retries starts
 * the callee's retries again: the tries multiply along the chain. For the distributed monolith's chain
 * order-service → payment-service → PSP with the shipped policy (3 attempts on each hop) that is 4 × 4 = 16 PSP
 * requests per charge (infra/mesh/README.md, "What the shipped policy predicts"). Outlier detection, the
 * connection pool's overflow and a route timeout can only lower what reaches the last hop.
 */
public final class RetryAmplification {

    private RetryAmplification() {
    }

    /** The prediction: the product of the hops' tries per request ({@code 1 + attempts} each). */
    public static double predict(List<Integer> maxTriesPerHop) {
        double product = 1;
        for (int tries : maxTriesPerHop) {
            if (tries < 1) {
                throw new IllegalArgumentException("a hop tries at least once, not " + tries);
            }
            product *= tries;
        }
        return product;
    }

    /**
     * Prediction and measurement for {@code chain} from the mesh's counters at the start and the end of
     * {@code window}: per hop, the tries of the requests the mesh answered for that destination in the window, per
     * such request ({@link MeshControl.Counts}: at most {@code 1 + attempts}, since a request's tries are counted
     * when it is answered, not those of requests still in flight at the window's edges); end to end, the product of
     * the hops' tries per request — the tries that reach the last hop per request of the first when every try of a
     * hop makes one request of the next (payment-service calls the PSP once per charge request it serves).
     */
    public static RunResult.Amplification of(String window, List<String> chain, Map<String, Integer> maxTries,
                                             Map<String, MeshControl.Counts> before,
                                             Map<String, MeshControl.Counts> after) {
        List<RunResult.Hop> hops = new ArrayList<>();
        List<Integer> tries = new ArrayList<>();
        for (String destination : chain) {
            MeshControl.Counts b = before.getOrDefault(destination, new MeshControl.Counts(0, 0));
            MeshControl.Counts a = after.getOrDefault(destination, new MeshControl.Counts(0, 0));
            long requests = Math.max(0, a.requests() - b.requests());
            long reached = Math.max(0, a.tries() - b.tries());
            int allowed = maxTries.getOrDefault(destination, 1);
            tries.add(allowed);
            hops.add(new RunResult.Hop(destination, allowed, requests, reached, ratio(reached, requests)));
        }
        Double measured = hops.isEmpty() ? null : 1.0;
        for (RunResult.Hop hop : hops) {
            measured = measured == null || hop.requests() == 0 ? null : measured * hop.tries() / hop.requests();
        }
        return new RunResult.Amplification(window, List.copyOf(hops), predict(tries),
                measured == null ? null : Math.round(100.0 * measured) / 100.0);
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : Math.round(100.0 * numerator / denominator) / 100.0;
    }
}
