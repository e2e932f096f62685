package dev.shoplab.lab.process;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One process a lab run owns, as written in its pid file: enough to recognise it again after the
 * owner died (the PID plus its start time, so a recycled PID is never mistaken for it) and to stop
 * it the way it wants to be stopped, and where its log is (null when unknown), to say why it died.
 *
 * @param restartsAt null, unless a fault of the lab holds this process down on purpose (a kill fault, a database or
 *                   broker restart) and will start it again then ({@link ProcessLedger#markHeldDown}): it did not
 *                   die, and {@code ./shoplab status} says when it comes back
 * @param downAs     how that fault took it down, as status says it: {@code killed} (SIGKILL, a crash) or
 *                   {@code stopped} (its own stop signal, an operator's restart); null with {@code restartsAt}
 * @param restartFailed true when the fault's restart was tried and failed ({@link ProcessLedger#markRestartFailed}):
 *                   {@code restartsAt} is then when it was tried, and nothing starts the process again by itself
 * @param liveness   null, or the URL of the process's liveness check ({@code /q/health/live} of a Quarkus service,
 *                   given when it was started): {@code ./shoplab status} asks it, so that a service that runs
 *                   but reports itself DOWN (a dead consumer loop) is not shown as merely running
 */
public record OwnedProcess(String name, long pid, Instant started, long ownerPid, Instant ownerStarted,
                           String stopSignal, Duration grace, Path log, Instant restartsAt, String downAs,
                           boolean restartFailed, String liveness) {

    /** This record held down by a fault ({@code restartsAt} and {@code downAs} as in the record's parameters). */
    OwnedProcess heldDown(Instant restartsAt, String downAs, boolean restartFailed) {
        return new OwnedProcess(name, pid, started, ownerPid, ownerStarted, stopSignal, grace, log, restartsAt, downAs,
                restartFailed, liveness);
    }


    /** The live process this record names, if it still runs (same PID and same start time). */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> sameStart(h, started));
    }

    /** True while the lab command that started this process still runs. */
    public boolean ownerAlive() {
        return ProcessHandle.of(ownerPid).filter(ProcessHandle::isAlive).filter(h -> sameStart(h, ownerStarted))
                .isPresent();
    }

    /** Start time of a process as the OS reports it, truncated to what every JDK reports reliably. */
    public static Instant startOf(ProcessHandle handle) {
        return handle.info().startInstant().map(i -> i.truncatedTo(ChronoUnit.SECONDS))
                .orElse(Instant.EPOCH);
    }

    /** Whether {@code handle} started at {@code expected} (to the second): the same process, not a reused pid. */
    static boolean sameStart(ProcessHandle handle, Instant expected) {
        Instant actual = startOf(handle);
        // Start times come from /proc in clock ticks; allow one second of rounding either way.
        return expected.equals(Instant.EPOCH) || Math.abs(Duration.between(expected, actual).toSeconds()) <= 1;
    }
}
