package dev.shoplab.loadtests.measure;

/**
 * Tells from the orders completed window by window whether a warm-up's throughput has stopped
 * climbing: steady once {@code windowsInARow} windows in a row each completed no more than
 * {@code tolerance} above the best window before it, judged only on windows of at least
 * {@code minWindowOrders} orders (fewer say nothing about a trend).
 * The best window, not the last one: on a shared two-core machine a window dips now and then (a collection, a
 * neighbour's burst), and the window after a dip is back where it was — that is noise, not a climb, and
 * compared with the dip it restarted the count, so warm-ups ran on to their longest for nothing.
 * One flat window is not enough: a JVM that is still compiling climbs in steps, and a single pause
 * between two steps looked steady to the first warm-up, which then ended while the event-driven
 * services were still cold (ADR 0010, addendum 4).
 */
public final class ThroughputTrend {

    private final double tolerance;
    private final int minWindowOrders;
    private final int windowsInARow;
    private int best = -1;
    private int steadyWindows;

    public ThroughputTrend(double tolerance, int minWindowOrders, int windowsInARow) {
        if (tolerance < 0 || minWindowOrders < 1 || windowsInARow < 1) {
            throw new IllegalArgumentException("tolerance >= 0, minWindowOrders >= 1, windowsInARow >= 1");
        }
        this.tolerance = tolerance;
        this.minWindowOrders = minWindowOrders;
        this.windowsInARow = windowsInARow;
    }

    /** Records the orders completed in the window that just ended; true once throughput is steady. */
    public boolean steadyAfter(int completedInWindow) {
        if (completedInWindow < minWindowOrders) {
            steadyWindows = 0;
            best = -1;
            return false;
        }
        boolean flat = best >= minWindowOrders && completedInWindow <= best * (1 + tolerance);
        steadyWindows = flat ? steadyWindows + 1 : 0;
        best = Math.max(best, completedInWindow);
        return steadyWindows >= windowsInARow;
    }
}
