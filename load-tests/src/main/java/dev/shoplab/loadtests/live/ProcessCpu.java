package dev.shoplab.loadtests.live;

import dev.shoplab.loadtests.measure.ResourceSampler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CPU one architecture's own processes use (its services and, for the distributed monolith, its mesh; each with
 * its descendants), read from {@code /proc} at every sample: what the live figures {@code cpu} and
 * {@code cpuMsPerOrder} are made of. The servers a demo shares — PostgreSQL, Kafka, the simulators — are not counted:
 * they cannot be split between architectures (the bench counts them, one architecture at a time). A process started
 * again (a new PID) counts from its first sample. Linux only; elsewhere every figure is 0. Thread-safe.
 */
final class ProcessCpu {

    /**
     * CPU used over a stretch of time.
     *
     * @param cpuSeconds CPU-seconds (user + system) the processes used
     * @param seconds    wall-clock seconds the samples cover (0 when fewer than two samples fall in it)
     */
    record Window(double cpuSeconds, double seconds) {

        /** Cores busy on average: CPU-seconds per second (2.0 = both cores of a 2-core machine). */
        double cores() {
            return seconds <= 0 ? 0 : cpuSeconds / seconds;
        }
    }

    /** Samples kept: a few minutes at one a second. */
    private static final int KEPT = 300;

    private final Supplier<List<Long>> roots;
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private final Deque<long[]> samples = new ArrayDeque<>(); // {epochMs, ticks since the previous sample}

    /** @param roots the PIDs of the processes to measure, read at every sample (a restarted process has a new one) */
    ProcessCpu(Supplier<List<Long>> roots) {
        this.roots = roots;
    }

    /** Reads the CPU time of every process now, {@code epochMs} being the time of the reading. */
    synchronized void sample(long epochMs) {
        Map<Long, Long> now = new HashMap<>();
        long used = 0;
        for (long root : roots.get()) {
            // by tree, not by process: a PostgreSQL backend that ends moves into the postmaster's reaped time
            long ticks = ResourceSampler.treeTicks(ResourceSampler.tree(root));
            if (ticks < 0) {
                continue;
            }
            now.put(root, ticks);
            Long before = lastTicks.get(root);
            if (before != null && ticks >= before) {
                used += ticks - before;
            }
        }
        lastTicks.clear();
        lastTicks.putAll(now);
        samples.addLast(new long[] {epochMs, used});
        while (samples.size() > KEPT) {
            samples.removeFirst();
        }
    }

    /** The CPU used in the {@code seconds} seconds that end with second {@code epochSecond} (inclusive). */
    synchronized Window window(long epochSecond, int seconds) {
        long end = (epochSecond + 1) * 1000;
        long start = end - seconds * 1000L;
        long ticks = 0;
        long from = -1;
        long to = -1;
        long previous = -1;
        for (long[] sample : samples) {
            if (sample[0] <= start) {
                previous = sample[0];
            } else if (sample[0] <= end) {
                // each sample holds the ticks since the one before it; the very first holds none
                from = from < 0 ? (previous < 0 ? sample[0] : previous) : from;
                ticks += sample[1];
                to = sample[0];
            }
        }
        if (from < 0 || to <= from) {
            return new Window(0, 0);
        }
        return new Window((double) ticks / ResourceSampler.ticksPerSecond(), (to - from) / 1000.0);
    }
}
