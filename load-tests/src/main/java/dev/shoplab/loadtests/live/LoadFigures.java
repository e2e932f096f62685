package dev.shoplab.loadtests.live;

import org.HdrHistogram.Histogram;

/**
 * What the live load generator saw of one architecture, second by second: orders offered, accepted, concluded (by
 * status) and failed at the client, and accept and outcome latencies. Each event counts in the second it happened;
 * percentiles are read over a window of the last seconds, since one second of a few orders says little.
 * Thread-safe.
 */
public final class LoadFigures {

    /** Seconds kept, enough for the window and for a page that opens late to draw its charts. */
    static final int KEPT = 180;
    /** The longest latency recorded, in ms (one hour: longer is recorded as that). */
    private static final long MAX_MS = 3_600_000;

    /** The counts of one second. */
    private static final class Second {
        long epochSecond = -1;
        int offered;
        int accepted;
        int confirmed;
        int rejected;
        int failed;
        int errors;
        final Histogram accept = new Histogram(MAX_MS, 2);
        final Histogram outcome = new Histogram(MAX_MS, 2);

        void reset(long second) {
            epochSecond = second;
            offered = 0;
            accepted = 0;
            confirmed = 0;
            rejected = 0;
            failed = 0;
            errors = 0;
            accept.reset();
            outcome.reset();
        }
    }

    /**
     * The figures of one second, with latencies over the window that ends with it.
     *
     * @param offered     orders whose arrival fell in that second
     * @param concluded   orders that became terminal in it (confirmed + rejected + failed)
     * @param failed      orders concluded FAILED in it
     * @param errors      orders that got no acceptable answer in it (after the client's retries), or no outcome in time
     * @param errorRate   (failed + errors) ÷ (concluded + errors) over the window, 0..1
     * @param acceptP50   accept latency percentiles over the window, ms (0 when no order was accepted in it)
     * @param outcomeP50  outcome latency percentiles over the window, ms
     */
    public record Snapshot(long epochSecond, int offered, int accepted, int concluded, int confirmed, int rejected,
                           int failed, int errors, double errorRate, long acceptP50, long acceptP99, long outcomeP50,
                           long outcomeP99, long offeredInWindow) {
    }

    private final Second[] ring = new Second[KEPT];

    public LoadFigures() {
        for (int i = 0; i < KEPT; i++) {
            ring[i] = new Second();
        }
    }

    public synchronized void offered(long epochMs) {
        at(epochMs).offered++;
    }

    public synchronized void accepted(long epochMs, double acceptMs) {
        Second s = at(epochMs);
        s.accepted++;
        s.accept.recordValue(clamp(acceptMs));
    }

    /** An order became terminal: {@code CONFIRMED}, {@code REJECTED} or {@code FAILED}. */
    public synchronized void concluded(long epochMs, double outcomeMs, String status) {
        Second s = at(epochMs);
        switch (status) {
            case "CONFIRMED" -> s.confirmed++;
            case "REJECTED" -> s.rejected++;
            default -> s.failed++;
        }
        s.outcome.recordValue(clamp(outcomeMs));
    }

    /** An order that got no acceptable answer (after the client's retries) or no outcome within the bound. */
    public synchronized void error(long epochMs) {
        at(epochMs).errors++;
    }

    /** The figures of {@code epochSecond}, latencies and error rate over the {@code window} seconds ending with it. */
    public synchronized Snapshot snapshot(long epochSecond, int window) {
        Second now = existing(epochSecond);
        Histogram accept = new Histogram(MAX_MS, 2);
        Histogram outcome = new Histogram(MAX_MS, 2);
        long concludedInWindow = 0;
        long failedInWindow = 0;
        long offeredInWindow = 0;
        for (int i = 0; i < Math.min(window, KEPT); i++) {
            Second s = existing(epochSecond - i);
            if (s != null) {
                accept.add(s.accept);
                outcome.add(s.outcome);
                concludedInWindow += s.confirmed + s.rejected + s.failed + s.errors;
                failedInWindow += s.failed + s.errors;
                offeredInWindow += s.offered;
            }
        }
        if (now == null) {
            now = new Second();
        }
        return new Snapshot(epochSecond, now.offered, now.accepted, now.confirmed + now.rejected + now.failed,
                now.confirmed, now.rejected, now.failed, now.errors,
                concludedInWindow == 0 ? 0 : (double) failedInWindow / concludedInWindow,
                percentile(accept, 50), percentile(accept, 99), percentile(outcome, 50), percentile(outcome, 99),
                offeredInWindow);
    }

    private Second at(long epochMs) {
        long second = epochMs / 1000;
        Second s = ring[(int) Math.floorMod(second, (long) KEPT)];
        if (s.epochSecond != second) {
            s.reset(second);
        }
        return s;
    }

    private Second existing(long epochSecond) {
        Second s = ring[(int) Math.floorMod(epochSecond, (long) KEPT)];
        return s.epochSecond == epochSecond ? s : null;
    }

    private static long percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p);
    }

    private static long clamp(double ms) {
        return Math.max(0, Math.min(MAX_MS, Math.round(ms)));
    }
}
