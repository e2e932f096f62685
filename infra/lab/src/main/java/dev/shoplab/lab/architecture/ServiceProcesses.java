package dev.shoplab.lab.architecture;

import dev.shoplab.lab.process.ManagedProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The processes of a running architecture by role, each with the recipe that started it, so a fault
 * can kill one and the bench can start it again the same way. Architectures build their
 * {@link RunningArchitecture} on it.
 */
public final class ServiceProcesses implements AutoCloseable {

    /** One lock per role, held across a restart (stop, start, record) and by a kill of that role. */
    private final Map<String, ReentrantLock> roleLocks = new ConcurrentHashMap<>();

    private final Map<String, Supplier<ManagedProcess>> recipes = new LinkedHashMap<>();
    private final Map<String, ManagedProcess> running = new LinkedHashMap<>();
    /** Set by {@link #close}: a restart that ends later stops what it started. Guarded by {@code this}. */
    private boolean closed;

    /** Starts a process with its recipe and remembers both. */
    public synchronized ManagedProcess start(String role, Supplier<ManagedProcess> recipe) {
        ManagedProcess process = recipe.get();
        recipes.put(role, recipe);
        running.put(role, process);
        return process;
    }

    /**
     * Starts several processes side by side (each recipe waits for its process to be ready, so starting them
     * one after the other would add up their start-up times) and remembers them; if one fails, the others
     * that started are stopped and the failure is rethrown.
     */
    public void startInParallel(Map<String, Supplier<ManagedProcess>> recipesByRole) {
        Map<String, CompletableFuture<ManagedProcess>> starting = new LinkedHashMap<>();
        recipesByRole.forEach((role, recipe) -> starting.put(role,
                CompletableFuture.supplyAsync(recipe::get)));
        RuntimeException failure = null;
        for (var entry : starting.entrySet()) {
            try {
                ManagedProcess process = entry.getValue().join();
                synchronized (this) {
                    recipes.put(entry.getKey(), recipesByRole.get(entry.getKey()));
                    running.put(entry.getKey(), process);
                }
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            close();
            throw failure;
        }
    }

    /**
     * SIGKILL, as a crash would; {@code ./shoplab status} shows the process killed until {@link #restart} at
     * {@code restartsAt} ({@link ManagedProcess#kill}). A role killed and not started again is only given the new
     * time. A kill that comes while the role is being started again ({@link #restart}) waits for it and kills the
     * new process.
     *
     * @throws IllegalArgumentException for a role that was never started
     */
    public void kill(String role, Instant restartsAt) {
        ReentrantLock lock = lockOf(role);
        lock.lock();
        try {
            process(role).kill(restartsAt);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the role again with its recipe (stopping it first if it still runs; its old pid file goes); a
     * {@link #kill} of the role waits meanwhile. Other roles are not held up. When the start fails, the old process
     * stays the role's, marked so that {@code ./shoplab status} shows its restart failed
     * ({@link ManagedProcess#markRestartFailed}), and the failure is rethrown. A restart that ends after
     * {@link #close} leaves nothing behind: the new process is stopped, a failure is not marked.
     */
    public void restart(String role) {
        ReentrantLock lock = lockOf(role);
        lock.lock();
        try {
            Supplier<ManagedProcess> recipe;
            ManagedProcess old;
            synchronized (this) {
                recipe = recipes.get(role);
                if (recipe == null) {
                    throw new IllegalArgumentException("No process '" + role + "'; roles: " + recipes.keySet());
                }
                old = running.get(role);
                if (old != null) {
                    old.close(); // a killed process's marked pid file goes before the new process's is written
                }
            }
            ManagedProcess process;
            try {
                process = recipe.get();
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (old != null && !closed) {
                        try {
                            old.markRestartFailed(Instant.now());
                        } catch (RuntimeException marking) {
                            e.addSuppressed(marking);
                        }
                    }
                }
                throw e;
            }
            synchronized (this) {
                if (closed) {
                    process.close(); // the architecture stopped while this one started: it must not outlive it
                    return;
                }
                running.put(role, process);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The lock that keeps a kill of {@code role} from falling between its restart's stop and start. */
    private ReentrantLock lockOf(String role) {
        return roleLocks.computeIfAbsent(role, r -> new ReentrantLock());
    }

    public synchronized ManagedProcess process(String role) {
        ManagedProcess p = running.get(role);
        if (p == null) {
            throw new IllegalArgumentException("No process '" + role + "'; roles: " + running.keySet());
        }
        return p;
    }

    /** Every process by role, in start order. */
    public synchronized Map<String, ManagedProcess> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(running));
    }

    /**
     * Stops every process, side by side: each gets its stop signal at once and its own grace period, so stopping
     * an architecture of five JVMs takes as long as its slowest, not the sum (a bench stops one per run).
     */
    @Override
    public synchronized void close() {
        closed = true;
        List<ManagedProcess> list = new ArrayList<>(running.values());
        Collections.reverse(list);
        List<CompletableFuture<Void>> stopping = list.stream()
                .map(p -> CompletableFuture.runAsync(p::close)).toList();
        RuntimeException failure = null;
        for (CompletableFuture<Void> f : stopping) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
