package dev.shoplab.loadtests.fault;

import dev.shoplab.loadtests.DaemonThreads;
import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.loadtests.scenario.Fault;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays a scenario's fault timeline: each fault is applied through {@link LabFaults} at its {@code at}, counted
 * from the start of the load, and lifts itself {@code for} seconds later. The bench plays one per run on faults of
 * its own (every fault is lifted when the run ends); the live lab plays a scenario on the faults of the running lab
 * ("play scenario"), where stopping it only cancels what has not happened yet.
 */
public final class FaultInjector implements AutoCloseable {

    private final List<Fault> timeline;
    private final LabFaults faults;
    private final boolean ownsFaults;
    private final Consumer<String> console;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("shoplab-fault-timeline"));
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private volatile long startEpochMs = System.currentTimeMillis();

    /**
     * The bench's: the timeline on faults of its own on one architecture; each step goes to {@code console}, timed.
     *
     * @param infrastructure the lab's servers, for database and broker restarts; empty when they are not the lab's
     *                       (an architecture deployed elsewhere), and such a fault then fails with a clear event
     */
    public FaultInjector(List<Fault> timeline, AdminApi simulators, RunningArchitecture architecture,
                         Optional<Infrastructure> infrastructure, Consumer<String> console) {
        this.timeline = List.copyOf(timeline);
        this.console = console;
        this.faults = new LabFaults(List.of(new LabFaults.Target("architecture", architecture)), simulators,
                infrastructure, this::event);
        this.ownsFaults = true;
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    private FaultInjector(List<Fault> timeline, LabFaults faults) {
        this.timeline = List.copyOf(timeline);
        this.console = line -> { };
        this.faults = faults;
        this.ownsFaults = false;
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The live lab's: the timeline on faults someone else owns, which tell their own events. */
    public static FaultInjector on(LabFaults faults, List<Fault> timeline) {
        return new FaultInjector(timeline, faults);
    }

    /** Schedules every fault relative to the load's start. */
    public void start(long loadStartEpochMs) {
        this.startEpochMs = loadStartEpochMs;
        long now = System.currentTimeMillis();
        for (Fault f : timeline) {
            timer.schedule(() -> apply(f), Math.max(0, loadStartEpochMs + f.at().toMillis() - now),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** What happened when, for the report: {@code +10.0 s  on:  psp latencyMs=1000 for 20 s}. */
    public List<String> events() {
        return List.copyOf(events);
    }

    private void apply(Fault f) {
        try {
            faults.apply(f);
        } catch (RuntimeException e) {
            event("FAILED to apply " + f.describe() + ": " + e.getMessage());
        }
    }

    private void event(String text) {
        String line = String.format(Locale.ROOT, "+%5.1f s  %s",
                (System.currentTimeMillis() - startEpochMs) / 1000.0, text);
        events.add(line);
        console.accept(line);
    }

    /**
     * Cancels what has not happened yet; the bench's also lifts every fault still on, so the next run starts
     * healthy (a restart under way finishes first).
     */
    @Override
    public void close() {
        timer.shutdown(); // drops what is scheduled, lets a fault being applied finish
        try {
            timer.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsFaults) {
            faults.close();
        }
    }
}
