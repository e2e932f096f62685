package dev.shoplab.lab.cli;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code shoplab status}: what lab processes run now, and which command owns them; a running service that reports
 * itself not live (its {@code /q/health/live}, {@link Liveness}) is shown so; a process that ended under a live
 * command is shown as killed or stopped by a fault (and when it restarts, or that its restart failed, with its log's
 * last lines) or as died (with its log's last lines).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the processes shoplab commands started and whether they still run.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        print(LabHome.locate(), spec.commandLine().getOut());
        return 0;
    }

    /** Prints what the ledger of {@code home} holds, a block per lab command, to {@code out}. */
    static void print(LabHome home, PrintWriter out) {
        ProcessLedger ledger = new ProcessLedger(home.pidDir());
        List<OwnedProcess> all = ledger.all();
        if (all.isEmpty()) {
            out.println("Nothing is running: start './shoplab demo', './shoplab up <architecture>' or"
                    + " './shoplab infra up'.");
            return;
        }
        // one block per lab command, so that two stacks are told apart by their command, edge and logs
        Map<String, Optional<String>> liveness = Liveness.ask(all.stream()
                .filter(p -> p.liveness() != null && p.live().isPresent()).map(OwnedProcess::liveness).toList());
        Map<Long, List<OwnedProcess>> byOwner = new LinkedHashMap<>();
        all.forEach(p -> byOwner.computeIfAbsent(p.ownerAlive() ? p.ownerPid() : -1L, o -> new ArrayList<>()).add(p));
        byOwner.forEach((owner, processes) -> {
            if (owner < 0) {
                out.println("left behind by a command that is gone ('./shoplab down' stops them):");
            } else {
                Map<String, String> said = ledger.ownerDescription(owner);
                out.printf("%s (pid %d)%s%s%s%s%n", said.getOrDefault("command", "a shoplab command"), owner,
                        said.containsKey(ProcessLedger.STOPPING) ? ", stopping" : "",
                        said.containsKey("edge") ? ", edge " + said.get("edge") : "",
                        said.containsKey("control") ? ", control " + said.get("control") : "",
                        said.containsKey("logs") ? ", logs " + said.get("logs") : "");
            }
            processes.sort(Comparator.comparing(StatusCommand::label));
            int width = processes.stream().mapToInt(p -> label(p).length()).max().orElse(0);
            for (OwnedProcess p : processes) {
                out.print("  " + label(p) + " ".repeat(width - label(p).length() + 1));
                if (p.live().isPresent()) {
                    // running, and what its liveness check says when it is not live
                    out.printf("pid %-8d running%s%n", p.pid(), liveness.getOrDefault(p.liveness(), Optional.empty())
                            .map(said -> ", " + said).orElse(""));
                } else if (p.ownerAlive() && p.restartFailed()) {
                    // a fault took it down and starting it again failed: nothing brings it back by itself
                    out.printf("pid %-8d %s by a fault; its restart at %s FAILED%s%n", p.pid(),
                            p.downAs(), ClockTime.of(p.restartsAt()), p.log() == null ? "" : "; " + p.log() + " ends:");
                    tail(p, out);
                } else if (p.ownerAlive() && p.restartsAt() != null) {
                    // taken down on purpose by a fault, which starts it again (with a new pid) when it lifts
                    long in = ClockTime.secondsUntil(p.restartsAt(), Instant.now());
                    out.printf("pid %-8d %s by a fault, restarts at %s (%s)%n", p.pid(), p.downAs(),
                            ClockTime.of(p.restartsAt()), in > 0 ? "in " + in + " s" : "now");
                } else if (p.ownerAlive()) {
                    // its command is alive and did not forget it: it died (or is being stopped this very moment)
                    out.printf("pid %-8d DIED%s%n", p.pid(), p.log() == null ? "" : "; " + p.log() + " ends:");
                    tail(p, out);
                } else {
                    out.printf("pid %-8d gone%n", p.pid());
                }
            }
        });
        out.println("runs and logs: " + home.runsDir());
    }

    /**
     * How status names a process: its log's name when that qualifies the process's name, as a service's log does with
     * its architecture ({@code distributed-monolith-inventory-service}: a demo runs two inventory-services), else the
     * name.
     */
    static String label(OwnedProcess p) {
        if (p.log() != null) {
            String stem = p.log().getFileName().toString().replaceFirst("\\.log$", "");
            if (stem.endsWith("-" + p.name())) {
                return stem;
            }
        }
        return p.name();
    }

    /** The last lines of the process's log, indented under its line, if it has a log. */
    private static void tail(OwnedProcess p, PrintWriter out) {
        if (p.log() != null) {
            ManagedProcess.tail(p.log(), 5).lines().forEach(line -> out.println("      | " + line));
        }
    }
}
