package dev.shoplab.lab.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child process the lab started and owns: its output goes to a log file in the run folder, its pid
 * file sits in the ledger until it is stopped, and {@link #close()} stops it (signal, bound, SIGKILL).
 */
public final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final ProcessLedger ledger;
    private final OwnedProcess owned;
    /** The log's size when this process started: what it wrote is after it (a restarted role appends to its log). */
    private final long logStart;
    /** How a fault took the process down ({@code killed}, {@code stopped}); null until one did. */
    private volatile String downAs;

    private ManagedProcess(String name, Process process, Path log, ProcessLedger ledger, OwnedProcess owned,
                           long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.ledger = ledger;
        this.owned = owned;
        this.logStart = logStart;
    }

    /**
     * Starts {@code command} with its output appended to {@code log}, and records it in the ledger.
     *
     * @param stopSignal the signal that asks this kind of process to stop cleanly ({@code TERM}, {@code INT})
     * @param grace      how long to wait after that signal before SIGKILL
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path log,
                                       ProcessLedger ledger, String stopSignal, Duration grace) {
        return start(name, command, env, log, ledger, stopSignal, grace, null);
    }

    /**
     * Starts {@code command} as {@link #start(String, List, Map, Path, ProcessLedger, String, Duration)} does, and
     * records the URL of its liveness check ({@code liveness}, null for none), which {@code ./shoplab status} asks.
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path log,
                                       ProcessLedger ledger, String stopSignal, Duration grace, String liveness) {
        try {
            Files.createDirectories(log.getParent());
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            OwnedProcess owned = ledger.record(name, process.toHandle(), stopSignal, grace, log, liveness);
            return new ManagedProcess(name, process, log, ledger, owned, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    /**
     * Waits until {@code ready} holds; fails with the end of the log if the process dies or the bound passes.
     *
     * @throws PortTakenException    when the process died because a port it was to listen on was taken
     * @throws IllegalStateException when it died for another reason, or was not ready within {@code bound}
     */
    public void awaitReady(Duration bound, BooleanSupplier ready, String what) {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            if (!process.isAlive()) {
                String message = name + " exited with code " + process.exitValue() + " before it was ready (" + what
                        + "). Last lines of " + log + ":\n" + tail(log, 30);
                if (PortTakenException.shownBy(writtenSinceStart())) {
                    throw new PortTakenException(message);
                }
                throw new IllegalStateException(message);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not ready (" + what + ") within " + bound.toSeconds()
                        + " s. Last lines of " + log + ":\n" + tail(log, 30));
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the process at once (SIGKILL), as a crash would, to be started again at {@code restartsAt}: its pid file
     * stays, marked ({@link ProcessLedger#markHeldDown}) before the signal, so that {@code ./shoplab status} shows it
     * killed and when it comes back, never as died; {@link #close()} drops it. Killing a process that has ended
     * only moves its restart time. Waits up to 10 s for the process to be gone.
     */
    public void kill(Instant restartsAt) {
        downAs = "killed";
        ledger.markHeldDown(owned, restartsAt, downAs);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the process as {@link #close()} does, to be started again at {@code restartsAt} (a broker restart): its
     * pid file stays, marked as {@link #kill} marks it, until {@link #close()} drops it.
     */
    public void stopUntil(Instant restartsAt) {
        downAs = "stopped";
        ledger.markHeldDown(owned, restartsAt, downAs);
        stop();
    }

    /**
     * Records, after {@link #close()}, that the process a fault took down ({@link #kill}, {@link #stopUntil}) was not
     * started again: its restart, tried at {@code triedAt}, failed. {@code ./shoplab status} then shows it down with
     * the end of its log ({@link ProcessLedger#markRestartFailed}) until the next {@link #close()}.
     */
    public void markRestartFailed(Instant triedAt) {
        ledger.markRestartFailed(owned, downAs == null ? "stopped" : downAs, triedAt);
    }

    /** Stops the process: its stop signal, then SIGKILL once the grace period has passed. */
    @Override
    public void close() {
        stop();
        ledger.forget(owned);
    }

    /**
     * Its stop signal, then SIGKILL after the grace period; returns once this {@link Process} knows it has ended. The
     * pid's exit ({@link Signals#awaitExit}) can be seen before the JDK's reaper thread records it in the
     * {@code Process}, so {@link #isAlive()} could still say true for a moment without the last wait (up to 10 s).
     */
    private void stop() {
        if (process.isAlive() && Signals.stop(process.pid(), owned.stopSignal(), owned.grace())) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What this process wrote to its log (empty when it cannot be read). */
    private String writtenSinceStart() {
        try (var channel = Files.newByteChannel(log)) {
            channel.position(logStart);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of a log file, for error messages. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
