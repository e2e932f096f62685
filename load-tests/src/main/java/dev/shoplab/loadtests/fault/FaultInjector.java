package dev.shoplab.loadtests.fault;

import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.loadtests.scenario.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Plays a scenario's fault timeline against a running architecture: provider faults through the
 * simulators' fault controls, crashes with SIGKILL and a restart, database and broker restarts. Every
 * step is timed from the start of the load and written to the run's event log.
 */
public final class FaultInjector implements AutoCloseable {

    private final List<Fault> faults;
    private final AdminApi simulators;
    private final RunningArchitecture architecture;
    private final Infrastructure infrastructure;
    private final Consumer<String> console;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, r -> {
        Thread t = new Thread(r, "shoplab-faults");
        t.setDaemon(true);
        return t;
    });
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> active = Collections.synchronizedList(new ArrayList<>());
    private final List<BiConsumer<Fault, Boolean>> listeners = new CopyOnWriteArrayList<>();
    private long startEpochMs;

    public FaultInjector(List<Fault> faults, AdminApi simulators, RunningArchitecture architecture,
                  Infrastructure infrastructure, Consumer<String> console) {
        this.faults = faults;
        this.simulators = simulators;
        this.architecture = architecture;
        this.infrastructure = infrastructure;
        this.console = console;
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Calls {@code listener} right after a fault was applied ({@code true}) or lifted ({@code false}), on the
     * injector's thread: for measurements that cover exactly the fault's window (the bench reads the mesh's
     * counters there). A listener that throws does not stop the timeline.
     */
    public FaultInjector onChange(BiConsumer<Fault, Boolean> listener) {
        listeners.add(listener);
        return this;
    }

    /** Schedules every fault relative to the load's start. */
    public void start(long loadStartEpochMs) {
        this.startEpochMs = loadStartEpochMs;
        long now = System.currentTimeMillis();
        for (Fault f : faults) {
            timer.schedule(() -> apply(f), Math.max(0, loadStartEpochMs + f.at().toMillis() - now),
                    TimeUnit.MILLISECONDS);
            timer.schedule(() -> lift(f), Math.max(0, loadStartEpochMs + f.end().toMillis() - now),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** What happened when, for the report: {@code +10.0 s  psp fault on: latencyMs=1000}. */
    public List<String> events() {
        return List.copyOf(events);
    }

    private void apply(Fault f) {
        try {
            switch (f.action()) {
                case PSP, MAIL -> put(f.action().yamlName(), f.settings());
                case KILL -> architecture.kill(architecture.hostOf(f.target()));
                case RESTART_DATABASE -> infrastructure.stopPostgres();
                case RESTART_BROKER -> infrastructure.stopKafka();
            }
            active.add(f);
            event("on:  " + f.describe());
            notifyListeners(f, true);
        } catch (RuntimeException e) {
            event("FAILED to apply " + f.describe() + ": " + e.getMessage());
        }
    }

    private void lift(Fault f) {
        if (!active.remove(f)) {
            return;
        }
        try {
            switch (f.action()) {
                case PSP, MAIL -> delete(f.action().yamlName());
                case KILL -> architecture.restart(architecture.hostOf(f.target()));
                case RESTART_DATABASE -> infrastructure.startPostgres();
                case RESTART_BROKER -> infrastructure.startKafka();
            }
            event("off: " + f.action().yamlName() + (f.target() == null ? "" : " " + f.target()) + " (healed"
                    + (f.action() == Fault.Action.KILL || f.action().name().startsWith("RESTART") ? ", restarted" : "")
                    + ")");
            notifyListeners(f, false);
        } catch (RuntimeException e) {
            event("FAILED to lift " + f.describe() + ": " + e.getMessage());
        }
    }

    private void notifyListeners(Fault f, boolean applied) {
        for (BiConsumer<Fault, Boolean> listener : listeners) {
            try {
                listener.accept(f, applied);
            } catch (RuntimeException e) {
                event("a measurement at this fault failed: " + e.getMessage());
            }
        }
    }

    private void event(String text) {
        String line = String.format(Locale.ROOT, "+%5.1f s  %s",
                (System.currentTimeMillis() - startEpochMs) / 1000.0, text);
        events.add(line);
        console.accept(line);
    }

    private void put(String target, Map<String, Object> settings) {
        String body = settings.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        simulators.send("PUT", "/admin/faults/" + target, body, Duration.ofSeconds(10));
    }

    private void delete(String target) {
        simulators.send("DELETE", "/admin/faults/" + target, null, Duration.ofSeconds(10));
    }

    /** Cancels what has not happened yet and lifts every fault still on, so the next run starts healthy. */
    @Override
    public void close() {
        timer.shutdown(); // drops what is scheduled, lets a restart under way finish
        try {
            timer.awaitTermination(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Fault f : List.copyOf(active)) {
            lift(f);
        }
    }
}
