package dev.shoplab.loadtests.measure;

import dev.shoplab.loadtests.DaemonThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Measures what a set of processes costs while a run lasts: CPU-seconds (user + system) and peak memory, summed
 * over every process and its descendants. CPU is read per process tree ({@link #treeTicks}): each process's own
 * time plus the time of the children it reaped, so a PostgreSQL backend that ends during the run is counted once —
 * up to its end while it runs, then inside the postmaster's reaped time — and only for what it used after the first
 * sample. A root that appears during the run (a process restarted by a fault) counts from its own start. Memory is
 * PSS (proportional set size), so pages shared between PostgreSQL's processes are counted once; per role it also
 * keeps the peak RSS of the role's own process (what a service's memory budget is about). Every sample also reads
 * the whole machine's busy time ({@code /proc/stat}), so {@link #coresBusy} tells for any stretch of the run how many
 * cores these processes and the machine as a whole kept busy. Linux only ({@code /proc}); elsewhere all read zero.
 */
public final class ResourceSampler implements AutoCloseable {

    private static final long TICKS_PER_SECOND = clockTicks();

    private final Supplier<Map<String, Long>> roots;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("shoplab-resource-sampler"));
    private final Map<Long, Long> firstTicks = new HashMap<>(); // by root pid: its tree's ticks at the first sample
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private final Map<String, long[]> peakByRole = new LinkedHashMap<>();
    private final Map<Long, String> roleOfPid = new HashMap<>();
    private long peakPssKb;
    /** One entry a sample: epoch ms, the processes' ticks since the first sample, the machine's busy ticks. */
    private final List<long[]> timeline = new ArrayList<>();

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
        return (double) ticksSinceStart() / TICKS_PER_SECOND;
    }

    /** The ticks every root's tree used since its first sample (a root that appeared later: since its start). */
    private long ticksSinceStart() {
        long ticks = 0;
        for (Map.Entry<Long, Long> e : lastTicks.entrySet()) {
            ticks += e.getValue() - firstTicks.getOrDefault(e.getKey(), 0L);
        }
        return ticks;
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

    /**
     * Cores kept busy on average between two moments of the run: by these processes (the roots and their
     * descendants) and by the whole machine (every process and the kernel: {@code /proc/stat}'s user, nice,
     * system, irq, softirq and steal time). Read from the samples taken at or after {@code fromEpochMs} and at or
     * before {@code toEpochMs} (one a second), so a stretch of a few seconds is measured to about a second. The
     * machine's figure is the host's as the kernel counts it: every CPU in {@code /proc/stat}, also those outside a
     * container's limit. A process that appears during the run (restarted by a fault) adds what it used since its
     * start to the sample it first appears in.
     *
     * @return the cores busy, unrounded; empty when fewer than two samples fall in the stretch, or when there was no
     *         process to measure (a bench against a deployed shop: the machine here is not the shop's)
     */
    public synchronized Optional<CoresBusy> coresBusy(long fromEpochMs, long toEpochMs) {
        long[] first = null;
        long[] last = null;
        for (long[] t : timeline) {
            if (t[0] >= fromEpochMs && t[0] <= toEpochMs) {
                if (first == null) {
                    first = t;
                }
                last = t;
            }
        }
        if (first == null || last[0] == first[0] || roleOfPid.isEmpty()) {
            return Optional.empty();
        }
        double seconds = (last[0] - first[0]) / 1000.0;
        return Optional.of(new CoresBusy((double) (last[1] - first[1]) / TICKS_PER_SECOND / seconds,
                last[2] < 0 || first[2] < 0 ? null : (double) (last[2] - first[2]) / TICKS_PER_SECOND / seconds));
    }

    /**
     * Cores kept busy on average over a stretch of the run.
     *
     * @param processes by the measured processes and their descendants (0 to the machine's cores)
     * @param machine   by the whole machine, null where {@code /proc/stat} cannot be read
     */
    public record CoresBusy(double processes, Double machine) {
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
            List<ProcessHandle> tree = tree(root);
            long rolePss = 0;
            for (ProcessHandle p : tree) {
                rolePss += pssKb(p.pid());
            }
            long ticks = treeTicks(tree);
            if (ticks >= 0) {
                if (first) {
                    firstTicks.put(root, ticks);
                }
                lastTicks.merge(root, ticks, Math::max);
                roleOfPid.putIfAbsent(root, role.getKey());
            }
            pss += rolePss;
            long[] peak = peakByRole.computeIfAbsent(role.getKey(), r -> new long[2]);
            peak[0] = Math.max(peak[0], rssKb(root));
            peak[1] = Math.max(peak[1], rolePss);
        }
        peakPssKb = Math.max(peakPssKb, pss);
        timeline.add(new long[] {System.currentTimeMillis(), ticksSinceStart(), machineBusyTicks()});
    }

    /** The whole machine's busy ticks since boot, or -1 when {@code /proc/stat} cannot be read. */
    static long machineBusyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            return lines.findFirst().map(ResourceSampler::busyTicks).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The busy ticks in {@code /proc/stat}'s first line ({@code cpu  user nice system idle iowait irq softirq steal
     * guest guest_nice}, proc(5)): user + nice + system + irq + softirq + steal. Guest time is already inside user
     * and nice; idle and iowait are not busy.
     *
     * @return the ticks, or -1 for a line of another shape
     */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            return -1;
        }
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]) + Long.parseLong(f[8]);
    }

    /**
     * CPU-seconds the given processes (and their descendants) have used since they started: for processes that
     * have just become ready, what their start cost.
     */
    public static double cpuSecondsSinceStart(Map<String, Long> roots) {
        long ticks = 0;
        for (long root : roots.values()) {
            ticks += Math.max(0, treeTicks(tree(root)));
        }
        return (double) ticks / TICKS_PER_SECOND;
    }

    /** A process and its descendants, or nothing when it is gone. */
    public static List<ProcessHandle> tree(long root) {
        return ProcessHandle.of(root).map(h -> Stream.concat(Stream.of(h), h.descendants()).toList()).orElse(List.of());
    }

    /**
     * The CPU ticks a process tree has used: every process's utime + stime plus the cutime + cstime of the children
     * it reaped. Linux adds a reaped child's own and reaped time to its parent's, so each ended process is counted
     * once, in its parent; a process that ends between two readings moves from its own figure into its parent's.
     *
     * @return the ticks, or -1 when no process of the tree could be read (it is gone)
     */
    public static long treeTicks(List<ProcessHandle> tree) {
        long ticks = -1;
        for (ProcessHandle p : tree) {
            long t = cpuTicks(p.pid());
            if (t >= 0) {
                ticks = Math.max(ticks, 0) + t;
            }
        }
        return ticks;
    }

    /** utime + stime + cutime + cstime (the CPU of the children it has reaped) of one process, or -1 if gone. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
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
