package dev.shoplab.lab.cli;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.OwnedProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code shoplab infra up}: starts the dependencies, prints where they are, and keeps them up until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start PostgreSQL, Kafka and the provider simulators (PSP, mail) and print their endpoints.",
                "Stays in the foreground; Ctrl-C stops everything it started."})
final class InfraUpCommand implements Callable<Integer> {

    @Mixin
    InfraOptionsMixin infra;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LabRun run = LabRun.open(LabHome.locate(), "infra");
        Foreground.stopOnExit(run, out);
        run.ledger().describeOwner(Map.of("command", "infra up", "logs", run.dir().toString()));
        out.println("Starting PostgreSQL, Kafka and the provider simulators (" + infra.provider.cliName()
                + ")... logs: " + run.dir());
        out.flush();
        Instant started = Instant.now();
        InfraStack stack = InfraStack.start(run, infra.toOptions(true));
        Duration took = Duration.between(started, Instant.now());
        out.printf("%nshoplab infra ready in %.1f s%n%n", took.toMillis() / 1000.0);
        Foreground.printTable(out, stack.endpoints());
        out.println();
        out.println("logs: " + run.dir());
        out.println("Press Ctrl-C to stop everything.");
        out.flush();
        Foreground.watchUntilExit(run, out);
        return 0;
    }

    /** Helpers for commands that keep what they started in the foreground. */
    static final class Foreground {

        /** How often the processes of the run are looked at. */
        private static final Duration WATCH = Duration.ofSeconds(1);
        /** Set once the command is stopping: from then on a process that ends was stopped, it did not die. */
        private static volatile boolean stopping;

        private Foreground() {
        }

        /** On Ctrl-C (or SIGTERM, or a normal exit) stops everything the run started. */
        static void stopOnExit(LabRun run, PrintWriter out) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping = true;
                out.println();
                out.println("Stopping everything this run started...");
                out.flush();
                run.close();
                run.ledger().forgetOwner();
                out.println("Stopped. Logs are in " + run.dir());
                out.flush();
            }, "shoplab-stop"));
        }

        static void printTable(PrintWriter out, Map<String, String> rows) {
            int width = rows.keySet().stream().mapToInt(String::length).max().orElse(4);
            out.printf("  %-" + width + "s  %s%n", "what", "endpoint");
            rows.forEach((what, endpoint) -> out.printf("  %-" + width + "s  %s%n", what, endpoint));
        }

        /**
         * Waits until the JVM is asked to exit, and says at once when a process of the run dies (PostgreSQL killed,
         * a service out of memory): its name, pid, exit and the last lines of its log, since everything that needs
         * it fails from then on. {@code status} shows it as died too.
         */
        static void watchUntilExit(LabRun run, PrintWriter out) {
            long self = ProcessHandle.current().pid();
            Set<Long> reported = new HashSet<>();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(WATCH.toMillis()); // a poll period, not a synchronisation: nothing else wakes this
                    for (OwnedProcess p : run.ledger().all()) {
                        if (!stopping && p.ownerPid() == self && p.live().isEmpty() && reported.add(p.pid())) {
                            out.println();
                            out.printf("!! %s (pid %d) has died at %s; what needs it fails until you stop (Ctrl-C) and"
                                    + " start again.%n", p.name(), p.pid(), LocalTime.now().withNano(0));
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
}
