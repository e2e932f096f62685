package dev.shoplab.lab.cli;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.RunFolders;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code shoplab down}: stops everything any lab command started, including what a killed command left behind,
 * and drops the data folders of ended runs ({@link RunFolders}).
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop every process a shoplab command started (servers, simulators, architectures), "
                + "also those left behind by a command that was killed; delete the data of ended runs.")
final class DownCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LabHome home = LabHome.locate();
        List<OwnedProcess> stopped = new ProcessLedger(home.pidDir()).stopEverything();
        if (stopped.isEmpty()) {
            out.println("Nothing was running.");
        } else {
            stopped.forEach(p -> out.printf("stopped %-20s pid %d%n", p.name(), p.pid()));
        }
        String pruned = RunFolders.prune(home).describe();
        if (!pruned.isEmpty()) {
            out.println(pruned + " (logs of the last " + RunFolders.KEEP + " runs kept in " + home.runsDir() + ")");
        }
        return 0;
    }
}
