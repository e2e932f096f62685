package dev.shoplab.loadtests.measure;

import dev.shoplab.loadtests.simulation.OrderRecord;
import dev.shoplab.loadtests.simulation.SaturationRamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the client side of a run saw, computed from the per-order CSV: counts, latency percentiles,
 * one row per second for the charts, and the recovery time after a fault.
 */
public final class LoadStatistics {

    /**
     * Counts of the run as the clients saw them. {@code errorsByAnswer} breaks {@code errors} (the orders not
     * accepted) down by what their POST's last try was answered ({@link OrderRecord#answer()}: {@code "503 overloaded"},
     * a bare {@code "502"}, {@code "no answer"}), in ascending order of status, no answer first; it sums to
     * {@code errors}.
     */
    public record Counts(int submitted, int accepted, int confirmed, int rejected, int failed, int pending,
                         int errors, Map<String, Integer> errorsByAnswer) {

        /** By status (no answer counting as 0), then by the problem's kind. */
        private static final Comparator<String> BY_STATUS = Comparator.comparingInt(Counts::statusOf)
                .thenComparing(Comparator.naturalOrder());

        public Counts {
            Map<String, Integer> byAnswer = new TreeMap<>(BY_STATUS);
            byAnswer.putAll(errorsByAnswer);
            errorsByAnswer = Collections.unmodifiableMap(byAnswer);
        }

        private static int statusOf(String answer) {
            int space = answer.indexOf(' ');
            try {
                return Integer.parseInt(space < 0 ? answer : answer.substring(0, space));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** No order at all. */
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, Map.of());
    }

    /** One second of the run (by the orders' arrival time). */
    public record Second(int second, int offered, int accepted, int errors, int confirmed, double acceptP99,
                         double outcomeP50, double outcomeP99) {

        /** Share of orders that did not end well technically: not accepted, or FAILED. */
        double errorRate(int failedInSecond) {
            return offered == 0 ? 0 : (double) (errors + failedInSecond) / offered;
        }
    }

    private final List<OrderRecord> records;
    private final long startEpochMs;

    public LoadStatistics(List<OrderRecord> records, long loadStartEpochMs) {
        this.records = records;
        this.startEpochMs = loadStartEpochMs;
    }

    /** When the load started, epoch ms: second 0 of every figure by second. */
    public long loadStartEpochMs() {
        return startEpochMs;
    }

    public Counts counts() {
        int accepted = 0, confirmed = 0, rejected = 0, failed = 0, pending = 0;
        Map<String, Integer> errorsByAnswer = new HashMap<>();
        for (OrderRecord r : records) {
            if (!r.accepted()) {
                errorsByAnswer.merge(r.answer(), 1, Integer::sum);
                continue;
            }
            accepted++;
            switch (r.status() == null ? "" : r.status()) {
                case "CONFIRMED" -> confirmed++;
                case "REJECTED" -> rejected++;
                case "FAILED" -> failed++;
                default -> pending++;
            }
        }
        return new Counts(records.size(), accepted, confirmed, rejected, failed, pending, records.size() - accepted,
                errorsByAnswer);
    }

    /** GETs per accepted order the clients sent while waiting for outcomes (zero when every answer was terminal). */
    public double pollsPerAcceptedOrder() {
        long accepted = records.stream().filter(OrderRecord::accepted).count();
        return accepted == 0 ? 0 : records.stream().filter(OrderRecord::accepted).mapToInt(OrderRecord::polls).sum()
                / (double) accepted;
    }

    public Percentiles acceptLatency() {
        return Percentiles.of(records.stream().filter(OrderRecord::accepted).map(OrderRecord::acceptMs).toList());
    }

    public Percentiles outcomeLatency() {
        return Percentiles.of(records.stream().filter(r -> r.accepted() && r.terminal()).map(OrderRecord::outcomeMs)
                .toList());
    }

    /** Outcome percentiles of the orders that arrived in [from, to) seconds after the start. */
    public Percentiles outcomeLatency(double fromSecond, double toSecond) {
        return Percentiles.of(records.stream().filter(r -> r.accepted() && r.terminal())
                .filter(r -> secondOf(r) >= fromSecond && secondOf(r) < toSecond).map(OrderRecord::outcomeMs).toList());
    }

    /** Share of orders in [from, to) that were not accepted or ended FAILED. */
    public double errorRate(double fromSecond, double toSecond) {
        long total = 0, bad = 0;
        for (OrderRecord r : records) {
            double s = secondOf(r);
            if (s >= fromSecond && s < toSecond) {
                total++;
                if (!r.accepted() || "FAILED".equals(r.status())) {
                    bad++;
                }
            }
        }
        return total == 0 ? 0 : (double) bad / total;
    }

    /**
     * What the saturation rule needs of the orders that arrived in [from, to): how many, how many were errors (not
     * accepted, or FAILED), how many were accepted, and how many of those concluded later than {@code sloMs} or
     * not at all ({@link SaturationRamp}).
     */
    public SaturationRamp.StepCounts stepCounts(double fromSecond, double toSecond, long sloMs) {
        int orders = 0, errors = 0, accepted = 0, beyond = 0;
        for (OrderRecord r : records) {
            double s = secondOf(r);
            if (s < fromSecond || s >= toSecond) {
                continue;
            }
            orders++;
            if (!r.accepted() || "FAILED".equals(r.status())) {
                errors++;
            }
            if (r.accepted()) {
                accepted++;
                if (!r.terminal() || r.outcomeMs() > sloMs) {
                    beyond++;
                }
            }
        }
        return new SaturationRamp.StepCounts(orders, errors, accepted, beyond);
    }

    /** One row per second of arrival. */
    public List<Second> seconds() {
        return seconds(Integer.MAX_VALUE);
    }

    /**
     * The run by second, as {@link #seconds()}, an order that arrived after second {@code lastSecond} counted in it:
     * the load's last whole second (Gatling's scheduling, on a loaded machine, can put an order or two just past the
     * load's end; on their own they would make a last, nearly empty second that a chart draws as a collapse, and
     * left out, the series would not add up to the run's counts).
     */
    public List<Second> seconds(int lastSecond) {
        Map<Integer, List<OrderRecord>> bySecond = new TreeMap<>();
        for (OrderRecord r : records) {
            bySecond.computeIfAbsent(Math.min(lastSecond, Math.max(0, (int) Math.floor(secondOf(r)))),
                    k -> new ArrayList<>()).add(r);
        }
        List<Second> rows = new ArrayList<>();
        for (Map.Entry<Integer, List<OrderRecord>> e : bySecond.entrySet()) {
            List<OrderRecord> rs = e.getValue();
            int accepted = (int) rs.stream().filter(OrderRecord::accepted).count();
            int confirmed = (int) rs.stream().filter(r -> "CONFIRMED".equals(r.status())).count();
            int failed = (int) rs.stream().filter(r -> "FAILED".equals(r.status())).count();
            Percentiles accept = Percentiles.of(rs.stream().filter(OrderRecord::accepted).map(OrderRecord::acceptMs)
                    .toList());
            Percentiles outcome = Percentiles.of(rs.stream().filter(r -> r.accepted() && r.terminal())
                    .map(OrderRecord::outcomeMs).toList());
            rows.add(new Second(e.getKey(), rs.size(), accepted, rs.size() - accepted + failed, confirmed, accept.p99(),
                    outcome.p50(), outcome.p99()));
        }
        return rows;
    }

    /**
     * Seconds from the end of the last fault until the run is back within the baseline band: the first
     * second after which outcome p99 stays within max(2 × baseline p99, baseline p99 + 50 ms) and the error
     * rate within baseline + 2 % for three consecutive seconds. An accepted order that never concluded counts as
     * beyond the band (as in the knee's rule), so seconds whose orders are all still pending are not "recovered".
     * Baseline = the seconds before the first fault (after a 2-second warm-up). Empty when it never recovered
     * within the run; zero with no fault.
     */
    public Optional<Double> recoverySeconds(Duration faultStart, Duration faultEnd, Duration loadEnd) {
        if (faultEnd.isZero()) {
            return Optional.of(0.0);
        }
        double baseFrom = Math.min(2, faultStart.toSeconds() / 2.0);
        Percentiles base = outcomeLatency(baseFrom, faultStart.toSeconds());
        double baseErrors = errorRate(baseFrom, faultStart.toSeconds());
        double p99Limit = Math.max(base.p99() * 2, base.p99() + 50);
        double errorLimit = baseErrors + 0.02;
        long end = loadEnd.toSeconds();
        for (long s = faultEnd.toSeconds(); s + 3 <= end; s++) {
            boolean ok = true;
            for (long w = s; w < s + 3 && ok; w++) {
                ok = outcomeP99CountingUnconcluded(w, w + 1) <= p99Limit && errorRate(w, w + 1) <= errorLimit;
            }
            if (ok) {
                return Optional.of((double) (s - faultEnd.toSeconds()));
            }
        }
        return Optional.empty();
    }

    /** Outcome p99 of the accepted orders that arrived in [from, to), one that never concluded as infinitely late. */
    private double outcomeP99CountingUnconcluded(double fromSecond, double toSecond) {
        return Percentiles.of(records.stream().filter(OrderRecord::accepted)
                .filter(r -> secondOf(r) >= fromSecond && secondOf(r) < toSecond)
                .map(r -> r.terminal() ? r.outcomeMs() : Double.POSITIVE_INFINITY).toList()).p99();
    }

    private double secondOf(OrderRecord r) {
        return (r.startEpochMs() - startEpochMs) / 1000.0;
    }
}
