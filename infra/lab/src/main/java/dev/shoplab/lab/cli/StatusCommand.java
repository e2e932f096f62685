package dev.shoplab.lab.cli;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code shoplab status}: what lab processes run now, and which command owns them. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the processes shoplab commands started and whether they still run.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LabHome home = LabHome.locate();
        List<OwnedProcess> all = new ProcessLedger(home.pidDir()).all();
        if (all.isEmpty()) {
            out.println("Nothing is running. Start with './shoplab infra up' or './shoplab up <architecture>'.");
            return 0;
        }
        out.printf("  %-14s %-8s %-8s %s%n", "process", "pid", "state", "owner");
        for (OwnedProcess p : all) {
            String state = p.live().isPresent() ? "running" : "gone";
            String owner = p.ownerAlive() ? "pid " + p.ownerPid() : "none (left behind; './shoplab down' stops it)";
            out.printf("  %-14s %-8d %-8s %s%n", p.name(), p.pid(), state, owner);
        }
        out.println("runs and logs: " + home.runsDir());
        return 0;
    }
}
