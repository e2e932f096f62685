package dev.shoplab.lab.cli;

import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Helpers for commands that keep what they started in the foreground. */
public final class Foreground {

    /** How often the processes of the run are looked at. */
    private static final Duration WATCH = Duration.ofSeconds(1);

    private Foreground() {
    }

    /**
     * True once Ctrl-C or SIGTERM asked this command to stop ({@link ProcessLedger#refuseNewProcesses}, the first thing
     * a stop does): from then on a process that ends was stopped, it did not die, and what fails in the command's main
     * thread (a service that was starting, a database being created) failed because everything is being stopped.
     */
    public static boolean stopping() {
        return ProcessLedger.refusingNewProcesses();
    }

    /** On Ctrl-C (or SIGTERM, or a normal exit) stops everything the run started. */
    public static void stopOnExit(LabRun run, PrintWriter out) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // first: a process that ends from now on was stopped, and one still starting on another thread is killed
            ProcessLedger.refuseNewProcesses();
            try {
                run.ledger().markOwnerStopping();
            } catch (RuntimeException e) {
                // only what status and a refusal say: never a reason not to stop what this run started
            }
            out.println();
            out.println("Stopping everything this run started...");
            out.flush();
            try {
                run.close();
            } finally {
                run.ledger().stopOwnedBySelf(); // what was started but not yet the run's (an architecture mid-start)
                run.ledger().forgetOwner();
            }
            out.println("Stopped. Logs are in " + run.dir());
            out.flush();
        }, "shoplab-stop"));
    }

    public static void printTable(PrintWriter out, Map<String, String> rows) {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(4);
        out.printf("  %-" + width + "s  %s%n", "what", "endpoint");
        rows.forEach((what, endpoint) -> out.printf("  %-" + width + "s  %s%n", what, endpoint));
    }

    /**
     * Waits until the JVM is asked to exit, and says at once when a process of the run dies (PostgreSQL killed,
     * a service out of memory): its name, pid, exit and the last lines of its log, since everything that needs
     * it fails from then on. {@code status} shows it as died too. A process a fault killed or stopped (a kill, a
     * database or broker restart) is not reported: the fault starts it again.
     */
    public static void watchUntilExit(LabRun run, PrintWriter out) {
        long self = ProcessHandle.current().pid();
        Set<Long> reported = new HashSet<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(WATCH.toMillis()); // a poll period, not a synchronisation: nothing else wakes this
                for (OwnedProcess p : run.ledger().all()) {
                    // a process a fault killed or stopped (restartsAt) did not die: the fault starts it again
                    if (!stopping() && p.ownerPid() == self && p.restartsAt() == null && p.live().isEmpty()
                            && reported.add(p.pid())) {
                        out.println();
                        out.printf("!! %s (pid %d) has died at %s; what needs it fails until you stop (Ctrl-C) and"
                                + " start again.%n", p.name(), p.pid(), ClockTime.now());
                        if (p.log() != null) {
                            out.println("   last lines of " + p.log() + ":");
                            ManagedProcess.tail(p.log(), 15).lines().forEach(line -> out.println("   | " + line));
                        }
                        out.flush();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
