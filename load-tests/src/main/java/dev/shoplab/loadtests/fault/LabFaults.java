package dev.shoplab.loadtests.fault;

import dev.shoplab.loadtests.DaemonThreads;
import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.cli.ClockTime;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.loadtests.scenario.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The faults the lab injects into what it runs, one implementation for the bench's timelines ({@link FaultInjector})
 * and the live lab's control API: provider faults through the simulators' fault controls, crashes (SIGKILL, then a
 * restart), a PostgreSQL or Kafka restart, and the mesh's retry and outlier-detection policy. Each fault is applied
 * at once to every architecture it concerns and lifts itself when its time is up; {@link #clear()} lifts everything.
 *
 * <p>One fault of a kind at a time: a second {@code psp} fault replaces the first (the simulators' settings are one
 * object), a second {@code mesh} fault is laid over the first (attempts stay 0 when the next one only turns outlier
 * detection off), a second kill of the same target, or a second restart of a server still down, only moves when it
 * starts again.
 */
public final class LabFaults implements AutoCloseable {

    /** An architecture faults can reach, by name. */
    public record Target(String name, RunningArchitecture running) {
    }

    /**
     * A fault in force.
     *
     * @param id       its kind, and for a kill its target: {@code psp}, {@code kill-inventory-service}, {@code mesh}
     * @param fault    what was asked for
     * @param what     one line for people: {@code PSP down}, {@code mesh attempts 3 → 0 on 5 hops}
     * @param since    when it was applied
     * @param until    when it lifts itself
     */
    public record Active(String id, Fault fault, String what, Instant since, Instant until) {

        /** Seconds until it lifts itself, rounded up as a countdown is (a 5-s fault reads 5, not 4), never negative. */
        public long secondsLeft(Instant now) {
            return ClockTime.secondsUntil(until, now);
        }
    }

    private final List<Target> architectures;
    private final AdminApi simulators;
    private final Optional<Infrastructure> infrastructure;
    private final Consumer<String> events;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, DaemonThreads.named("shoplab-faults"));
    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Map<String, ScheduledFuture<?>> lifts = new LinkedHashMap<>();
    private final List<BiConsumer<Fault, Boolean>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param events told one line per change, for example {@code on:  PSP down for 20 s} and
     *               {@code off: PSP healthy again}; a failure to apply or lift is told too, never thrown from a timer
     * @param infrastructure the lab's servers, for database and broker restarts; empty when they are not the lab's
     *                       (an architecture deployed elsewhere), and such a fault is then refused with the reason
     */
    public LabFaults(List<Target> architectures, AdminApi simulators, Optional<Infrastructure> infrastructure,
                     Consumer<String> events) {
        this.architectures = List.copyOf(architectures);
        this.simulators = simulators;
        this.infrastructure = infrastructure;
        this.events = events;
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Applies {@code fault} now, for {@link Fault#lasting()} from now ({@link Fault#at()} is the caller's business:
     * a timeline calls this at that moment).
     *
     * @return the fault in force
     * @throws IllegalArgumentException when it concerns nothing that runs (a kill of a role no architecture has, a
     *                                  mesh policy without a distributed monolith, a broker restart without Kafka)
     * @throws IllegalStateException    when a call to what runs failed; nothing is then left half applied
     */
    public synchronized Active apply(Fault fault) {
        String id = idOf(fault);
        Active previous = active.get(id);
        String meshChange = null;
        Fault effective = fault;
        if (fault.action() == Fault.Action.MESH && previous != null) {
            Map<String, Object> merged = new LinkedHashMap<>(previous.fault().settings());
            merged.putAll(fault.settings());
            effective = new Fault(fault.action(), fault.at(), fault.lasting(), null, merged);
        }
        Instant now = Instant.now();
        Instant until = now.plus(fault.lasting());
        switch (fault.action()) {
            case PSP, MAIL -> simulators.send("PUT", "/admin/faults/" + fault.action().yamlName(),
                    providerBody(fault.settings()), Duration.ofSeconds(10));
            case KILL -> kill(fault.target(), until); // a second kill of a target still down only moves its restart
            // a second restart of a server still down, like a second kill, only moves when it starts again
            case RESTART_DATABASE -> servers().stopPostgres(until);
            case RESTART_BROKER -> {
                requireKafka();
                servers().stopKafka(until);
            }
            case MESH -> meshChange = applyMesh(effective.settings(), previous);
        }
        String what = meshChange != null ? "mesh: " + meshChange
                : fault.action() == Fault.Action.KILL ? killed(fault.target()) : headline(effective);
        Active on = new Active(id, effective, what, now, until);
        active.put(id, on);
        ScheduledFuture<?> old = lifts.put(id, timer.schedule(() -> liftInTime(id), fault.lasting().toMillis(),
                TimeUnit.MILLISECONDS));
        if (old != null) {
            old.cancel(false);
        }
        events.accept("on:  " + what + " for " + fault.lasting().toSeconds() + " s");
        tell(effective, true);
        return on;
    }

    /**
     * Lays {@code settings} over every hop; when that fails (every hop is then back on its shipped policy), the mesh
     * fault that was on before is laid over again, or, if that fails too, taken off the list: the list never names a
     * policy the hops do not have.
     */
    private String applyMesh(Map<String, Object> settings, Active previous) {
        try {
            return MeshPolicy.apply(meshes(), settings);
        } catch (RuntimeException failed) {
            if (previous != null) {
                try {
                    MeshPolicy.apply(meshes(), previous.fault().settings());
                } catch (RuntimeException alsoFailed) {
                    failed.addSuppressed(alsoFailed);
                    active.remove(previous.id());
                    ScheduledFuture<?> lift = lifts.remove(previous.id());
                    if (lift != null) {
                        lift.cancel(false);
                    }
                    events.accept("off: " + previous.what() + " (the mesh did not take it back)");
                }
            }
            throw failed;
        }
    }

    /**
     * Calls {@code listener} right after a fault was applied ({@code true}) or lifted ({@code false}), on the thread
     * that applied or lifted it: for measurements that cover exactly a fault's window. A listener that throws is told
     * as an event and changes nothing else.
     */
    public LabFaults onChange(BiConsumer<Fault, Boolean> listener) {
        listeners.add(listener);
        return this;
    }

    private void tell(Fault fault, boolean applied) {
        for (BiConsumer<Fault, Boolean> listener : listeners) {
            try {
                listener.accept(fault, applied);
            } catch (RuntimeException e) {
                events.accept("a measurement at this fault failed: " + e.getMessage());
            }
        }
    }

    /**
     * A fault that was on and is off the list now, but whose lift did not work: a killed process, PostgreSQL or the
     * broker did not start again ({@code ./shoplab status} shows it FAILED with its log), or a provider or mesh did
     * not take the change. The console has said {@code FAILED to lift}; a new fault on the same target tries again.
     */
    public static final class LiftFailed extends RuntimeException {
        LiftFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Lifts one fault now (the provider heals, the process restarts, the policy goes back); false if none had that id.
     *
     * @throws LiftFailed when the fault was on but its lift failed (it is off the list all the same)
     */
    public boolean lift(String id) {
        Active off;
        synchronized (this) {
            off = active.remove(id);
            ScheduledFuture<?> pending = lifts.remove(id);
            if (pending != null) {
                pending.cancel(false);
            }
        }
        if (off == null) {
            return false;
        }
        Fault f = off.fault();
        try {
            switch (f.action()) {
                case PSP, MAIL -> simulators.send("DELETE", "/admin/faults/" + f.action().yamlName(), null,
                        Duration.ofSeconds(10));
                case KILL -> restart(f.target());
                case RESTART_DATABASE -> servers().startPostgres();
                case RESTART_BROKER -> servers().startKafka();
                case MESH -> MeshPolicy.reset(meshes());
            }
            events.accept("off: " + switch (f.action()) {
                case PSP -> "PSP healthy again";
                case MAIL -> "mail provider healthy again";
                case KILL -> f.target() + " restarted";
                case RESTART_DATABASE -> "PostgreSQL started again";
                case RESTART_BROKER -> "Kafka broker started again";
                case MESH -> "mesh: the shipped policy is back on every hop";
            });
            tell(f, false);
        } catch (RuntimeException e) {
            events.accept("FAILED to lift " + f.what() + ": " + e.getMessage());
            throw new LiftFailed("Lifting '" + off.what() + "' failed: " + e.getMessage(), e);
        }
        return true;
    }

    /** {@link #lift}, for a lift nobody waits for (its time came): a failure is already on the console. */
    private void liftInTime(String id) {
        try {
            lift(id);
        } catch (LiftFailed alreadyReported) {
            // the console says FAILED to lift, and status shows what did not start again
        }
    }

    /** The faults in force, oldest first. */
    public synchronized List<Active> active() {
        return List.copyOf(active.values());
    }

    /**
     * Lifts every fault in force now; the policies are the shipped ones again.
     *
     * @throws LiftFailed when one or more lifts failed (each message on a line), after every fault was tried
     */
    public void clear() {
        List<String> ids;
        synchronized (this) {
            ids = new ArrayList<>(active.keySet());
        }
        // the database first: a restarted service needs it, and so does everything else
        ids.sort((a, b) -> Boolean.compare(!a.startsWith("restart"), !b.startsWith("restart")));
        List<LiftFailed> failed = new ArrayList<>();
        for (String id : ids) {
            try {
                lift(id);
            } catch (LiftFailed e) { // the others are lifted all the same
                failed.add(e);
            }
        }
        if (failed.size() == 1) {
            throw failed.get(0);
        }
        if (!failed.isEmpty()) {
            LiftFailed all = new LiftFailed(String.join("\n", failed.stream().map(Throwable::getMessage).toList()),
                    failed.get(0));
            failed.subList(1, failed.size()).forEach(all::addSuppressed);
            throw all;
        }
    }

    /** Lifts every fault in force and cancels every pending lift; waits for a lift under way. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            clear();
        } catch (LiftFailed alreadyReported) {
            // on the console; the run stops what it started next
        }
    }

    /**
     * Cancels every pending lift without lifting anything: for a lab that is about to stop everything it runs, where
     * restarting a killed service or the database only to stop it again would make Ctrl-C wait for nothing.
     */
    public void abandon() {
        timer.shutdownNow();
        synchronized (this) {
            active.clear();
            lifts.clear();
        }
    }

    /**
     * The fault for people, as the events strip and the page say it: {@code PSP down}, {@code PSP 30 % errors},
     * {@code mail slow (+1000 ms)}, {@code payment-service killed}, {@code PostgreSQL stopped}.
     */
    public static String headline(Fault fault) {
        Map<String, Object> s = fault.settings();
        return switch (fault.action()) {
            case PSP, MAIL -> {
                List<String> parts = new ArrayList<>();
                if (Boolean.TRUE.equals(s.get("down"))) {
                    parts.add("down");
                }
                if (s.containsKey("latencyMs")) {
                    parts.add("slow (+" + s.get("latencyMs") + " ms" + (s.containsKey("jitterMs")
                            ? " ± " + s.get("jitterMs") + " ms" : "") + ")");
                }
                if (s.containsKey("errorRate")) {
                    parts.add(percent(s.get("errorRate")) + " errors");
                }
                if (s.containsKey("timeoutRate")) {
                    parts.add(percent(s.get("timeoutRate")) + " of answers lost");
                }
                yield (fault.action() == Fault.Action.PSP ? "PSP " : "mail provider ")
                        + (parts.isEmpty() ? "healthy" : String.join(", ", parts));
            }
            case KILL -> fault.target() + " killed";
            case RESTART_DATABASE -> "PostgreSQL stopped";
            case RESTART_BROKER -> "Kafka broker stopped";
            case MESH -> "mesh: " + fault.what().replaceFirst("^mesh ", "");
        };
    }

    private static String percent(Object share) {
        double p = Math.round(((Number) share).doubleValue() * 1000) / 10.0;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + " %";
    }

    /**
     * A fault's id, one per kind of fault ({@code psp}, {@code restart-database}) and per kill target
     * ({@code kill-payment-service}): a path segment of {@code DELETE /api/lab/faults/{id}} that needs no encoding.
     */
    private static String idOf(Fault fault) {
        return fault.action() == Fault.Action.KILL ? "kill-" + fault.target() : fault.action().yamlName();
    }

    /**
     * A kill for people: {@code payment-service killed}; a bounded context with the processes that host it, which
     * differ by architecture: {@code inventory killed (its hosts: monolith, inventory-service)}.
     */
    private String killed(String target) {
        Set<String> hosts = new LinkedHashSet<>(rolesOf(target).values());
        return hosts.equals(Set.of(target)) ? target + " killed"
                : target + " killed (its host" + (hosts.size() > 1 ? "s" : "") + ": " + String.join(", ", hosts) + ")";
    }

    /** Kills the target's processes, which {@code ./shoplab status} shows as killed until {@code restartsAt}. */
    private void kill(String target, Instant restartsAt) {
        rolesOf(target).forEach((arch, role) -> arch.running().kill(role, restartsAt));
    }

    /** Restarts the killed processes side by side: each waits until it is ready, and they add up otherwise. */
    private void restart(String target) {
        List<CompletableFuture<Void>> restarts = rolesOf(target).entrySet().stream()
                .map(e -> CompletableFuture.runAsync(() -> e.getKey().running().restart(e.getValue())))
                .toList();
        RuntimeException failure = null;
        for (CompletableFuture<Void> restart : restarts) {
            try {
                restart.join();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The process each architecture loses to a kill of {@code target}: a bounded context names its host in every
     * architecture (the whole monolith for {@code inventory}, as the bench's service-crash does); a process role
     * names only the architectures that have it.
     */
    private Map<Target, String> rolesOf(String target) {
        Map<Target, String> roles = new LinkedHashMap<>();
        for (Target arch : architectures) {
            if (arch.running().processes().containsKey(target)) {
                roles.put(arch, target);
            } else if (!target.contains("-")) {
                hostOf(arch, target).ifPresent(host -> roles.put(arch, host));
            }
        }
        if (roles.isEmpty()) {
            String context = target.endsWith("-service") ? target.substring(0, target.length() - "-service".length())
                    : null;
            throw new IllegalArgumentException("No architecture that runs has a process '" + target + "'; processes: "
                    + architectures.stream().map(a -> a.name() + " " + a.running().processes().keySet())
                    .collect(Collectors.joining(", "))
                    + (context != null && architectures.stream().anyMatch(a -> hostOf(a, context).isPresent()) ? ". '" + context + "' names the bounded "
                    + "context: it kills the process that hosts it in every architecture that runs" : ""));
        }
        return roles;
    }

    /** The process that hosts {@code context} (a bounded context) in {@code arch}; empty when it is none there. */
    private static Optional<String> hostOf(Target arch, String context) {
        try {
            return Optional.of(arch.running().hostOf(context));
        } catch (IllegalArgumentException notAContext) {
            return Optional.empty(); // a role this architecture does not have (the monolith has no mesh)
        }
    }

    private List<AdminApi> meshes() {
        List<AdminApi> meshes = new ArrayList<>();
        for (Target arch : architectures) {
            arch.running().meshAdminUrl().ifPresent(url -> meshes.add(new AdminApi(url, simulators.token())));
        }
        if (meshes.isEmpty()) {
            throw new IllegalArgumentException("No architecture that runs has a mesh: the mesh policy is the "
                    + "distributed monolith's");
        }
        return meshes;
    }

    private Infrastructure servers() {
        return infrastructure.orElseThrow(() -> new UnsupportedOperationException(
                "restarting a server needs the lab's own servers, not a deployment elsewhere"));
    }

    private void requireKafka() {
        if (servers().kafka().isEmpty()) {
            throw new IllegalArgumentException("This lab runs no Kafka broker (only the event-driven system needs one)");
        }
    }

    private static String providerBody(Map<String, Object> settings) {
        return settings.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
