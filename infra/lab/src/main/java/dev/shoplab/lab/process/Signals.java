package dev.shoplab.lab.process;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends POSIX signals to processes by PID and waits, with a bound, for them to end. */
public final class Signals {

    private Signals() {
    }

    /** Sends {@code signal} (for example {@code INT}, {@code TERM}, {@code KILL}); false if the process is gone. */
    public static boolean send(long pid, String signal) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        switch (signal) {
            case "TERM" -> {
                return handle.get().destroy();
            }
            case "KILL" -> {
                return handle.get().destroyForcibly();
            }
            default -> {
                try {
                    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    return kill.waitFor() == 0;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Sends {@code signal}, waits up to {@code grace}, then SIGKILL; true once the process has ended. */
    public static boolean stop(long pid, String signal, Duration grace) {
        send(pid, signal);
        if (awaitExit(pid, grace)) {
            return true;
        }
        send(pid, "KILL");
        return awaitExit(pid, Duration.ofSeconds(10));
    }

    /** Waits until no live process has this PID, or the bound passes. */
    public static boolean awaitExit(long pid, Duration bound) {
        Instant deadline = Instant.now().plus(bound);
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.get().isAlive();
        } catch (ExecutionException e) {
            return !handle.get().isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Instant.now().isAfter(deadline) && !handle.get().isAlive();
        }
    }
}
