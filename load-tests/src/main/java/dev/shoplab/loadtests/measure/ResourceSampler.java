package dev.shoplab.loadtests.measure;

import dev.shoplab.loadtests.DaemonThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Measures what a set of processes costs while a run lasts: CPU-seconds (user + system, including
 * children they reaped, such as PostgreSQL's backends) and peak memory, summed over every process and
 * its descendants. Memory is PSS (proportional set size), so pages shared between PostgreSQL's
 * processes are counted once; per role it also keeps the peak RSS of the role's own process (what a
 * service's memory budget is about). Linux only ({@code /proc}); elsewhere all read zero.
 */
public final class ResourceSampler implements AutoCloseable {

    private static final long TICKS_PER_SECOND = clockTicks();

    private final Supplier<Map<String, Long>> roots;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("shoplab-resource-sampler"));
    private final Map<Long, Long> firstTicks = new HashMap<>();
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private final Map<String, long[]> peakByRole = new LinkedHashMap<>();
    private final Map<Long, String> roleOfPid = new HashMap<>();
    private long peakPssKb;

    /**
     * The peak memory of one process, by role.
     *
     * @param rssMb peak resident set size of the role's own process (a service's JVM, PostgreSQL's postmaster)
     * @param pssMb peak summed PSS of the role's process and its descendants (PostgreSQL: every backend, its
     *              shared buffers counted once)
     */
    public record Memory(double rssMb, double pssMb) {
    }

    /** @param roots the processes to measure, by role (read again at every sample: a restarted process has a new PID) */
    public ResourceSampler(Supplier<Map<String, Long>> roots) {
        this.roots = roots;
    }

    /** Takes a first sample now and then one a second. */
    public ResourceSampler start() {
        sample(true);
        timer.scheduleAtFixedRate(() -> sample(false), 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** CPU-seconds used since {@link #start()}. */
    public synchronized double cpuSeconds() {
        long ticks = 0;
        for (Map.Entry<Long, Long> e : lastTicks.entrySet()) {
            ticks += e.getValue() - firstTicks.getOrDefault(e.getKey(), 0L);
        }
        return (double) ticks / TICKS_PER_SECOND;
    }

    /** The highest total PSS seen, in MB. */
    public synchronized double peakMemoryMb() {
        return peakPssKb / 1024.0;
    }

    /** CPU-seconds used since {@link #start()} by role (a role's process and its descendants), in the order seen. */
    public synchronized Map<String, Double> cpuSecondsByRole() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        peakByRole.keySet().forEach(role -> ticks.put(role, 0L));
        lastTicks.forEach((pid, last) -> ticks.merge(roleOfPid.getOrDefault(pid, "?"),
                last - firstTicks.getOrDefault(pid, 0L), Long::sum));
        Map<String, Double> out = new LinkedHashMap<>();
        ticks.forEach((role, t) -> out.put(role, Math.round(100.0 * t / TICKS_PER_SECOND) / 100.0));
        return out;
    }

    /** The peak memory of every role measured, in the order the roles were first seen. */
    public synchronized Map<String, Memory> peakByRole() {
        Map<String, Memory> out = new LinkedHashMap<>();
        peakByRole.forEach((role, kb) -> out.put(role, new Memory(Math.round(kb[0] / 102.4) / 10.0,
                Math.round(kb[1] / 102.4) / 10.0)));
        return out;
    }

    /** Stops sampling after a last sample. */
    @Override
    public void close() {
        timer.shutdownNow();
        sample(false);
    }

    private synchronized void sample(boolean first) {
        long pss = 0;
        for (Map.Entry<String, Long> role : roots.get().entrySet()) {
            long root = role.getValue();
            List<ProcessHandle> tree = ProcessHandle.of(root).map(h -> Stream.concat(
                    Stream.of(h), h.descendants()).toList()).orElse(List.of());
            long rolePss = 0;
            for (ProcessHandle p : tree) {
                long ticks = cpuTicks(p.pid(), p.pid() == root);
                if (ticks < 0) {
                    continue;
                }
                if (first) {
                    firstTicks.put(p.pid(), ticks);
                }
                lastTicks.merge(p.pid(), ticks, Math::max);
                roleOfPid.putIfAbsent(p.pid(), role.getKey());
                rolePss += pssKb(p.pid());
            }
            pss += rolePss;
            long[] peak = peakByRole.computeIfAbsent(role.getKey(), r -> new long[2]);
            peak[0] = Math.max(peak[0], rssKb(root));
            peak[1] = Math.max(peak[1], rolePss);
        }
        peakPssKb = Math.max(peakPssKb, pss);
    }

    /**
     * CPU-seconds the given processes (and their descendants) have used since they started: for processes that
     * have just become ready, what their start cost.
     */
    public static double cpuSecondsSinceStart(Map<String, Long> roots) {
        long ticks = 0;
        for (long root : roots.values()) {
            List<ProcessHandle> tree = ProcessHandle.of(root).map(h -> Stream.concat(Stream.of(h), h.descendants())
                    .toList()).orElse(List.of());
            for (ProcessHandle p : tree) {
                ticks += Math.max(0, cpuTicks(p.pid(), p.pid() == root));
            }
        }
        return (double) ticks / TICKS_PER_SECOND;
    }

    /** utime + stime (+ cutime + cstime for a root: the CPU of children it has reaped), or -1 if gone. */
    public static long cpuTicks(long pid, boolean includeReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (includeReapedChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Clock ticks per second of the CPU times in {@code /proc/<pid>/stat} (usually 100). */
    public static long ticksPerSecond() {
        return TICKS_PER_SECOND;
    }

    /** Proportional set size in kB, or 0 if the process is gone. */
    public static long pssKb(long pid) {
        return kb(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }

    /** Resident set size in kB, or 0 if the process is gone. */
    public static long rssKb(long pid) {
        return kb(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    private static long kb(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
