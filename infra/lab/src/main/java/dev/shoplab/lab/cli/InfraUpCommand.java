package dev.shoplab.lab.cli;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
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
}
