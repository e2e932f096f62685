package dev.shoplab.loadtests.measure;

import java.util.Arrays;
import java.util.Collection;

/** p50, p95, p99 and max of a set of latencies in milliseconds (nearest-rank; zero for an empty set). */
public record Percentiles(double p50, double p95, double p99, double max) {

    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0);

    public static Percentiles of(Collection<Double> values) {
        if (values.isEmpty()) {
            return NONE;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code q} of the values at or below it. */
    public static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
