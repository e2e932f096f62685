package dev.shoplab.loadtests.cli;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.cli.CommandContribution;
import dev.shoplab.lab.cli.InfraOptionsMixin;
import dev.shoplab.loadtests.bench.Bench;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.scenario.ScenarioCatalogue;
import dev.shoplab.loadtests.scenario.ScenarioException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplab bench}: the comparative benchmark, and the report it writes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the same load and the same faults on each architecture, audit every database, and write "
                + "one comparative report (index.html, summary.md, results.json).",
                "Each architecture is started fresh on empty databases for every scenario."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--arch", split = ",", paramLabel = "ARCH",
            description = "Architectures to run (default: all): monolith, distributed-monolith, event-driven.")
    List<String> architectures = new ArrayList<>();

    @Option(names = "--scenario", split = ",", paramLabel = "NAME",
            description = "Scenarios to run (default: all in load-tests/scenarios): baseline, psp-slow, psp-flaky, "
                    + "psp-outage, service-crash, retry-storm, db-restart, broker-restart, saturation.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--quick", description = "Short runs of the quick subset of scenarios (the whole matrix in a few minutes).")
    boolean quick;

    @Option(names = "--rate", paramLabel = "R",
            description = "Arrival rate in orders/s instead of each scenario's (saturation steps are scaled).")
    Double rate;

    @Option(names = "--warm-up", paramLabel = "SECONDS",
            description = "Longest warm-up of each architecture before its load, in seconds (default: 30, with "
                    + "--quick 8): orders placed in a closed loop, not measured but audited, until throughput is "
                    + "steady (at least a third of it). 0 measures cold.")
    Integer warmUpSeconds;

    @Option(names = "--tracing", description = "Trace every order (OpenTelemetry): each process sends its spans to a "
            + "receiver in this process. Compare CPU-seconds per order with a run without it to see what tracing costs.")
    boolean tracing;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the report goes (default: load-tests/target/bench/<date-time>).")
    Path out;

    @Mixin
    InfraOptionsMixin infra;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LabHome home = LabHome.locate();
        List<Architecture> chosen = chooseArchitectures();
        List<Scenario> catalogue;
        try {
            catalogue = ScenarioCatalogue.load(home.artifact("load-tests/scenarios"));
        } catch (ScenarioException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "A scenario file is wrong: " + e.getMessage());
        }
        List<Scenario> chosenScenarios = chooseScenarios(catalogue);
        if (rate != null && (rate <= 0 || rate > 10_000)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be between 0 and 10000 orders/s, not "
                    + rate);
        }
        if (warmUpSeconds != null && (warmUpSeconds < 0 || warmUpSeconds > 600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warm-up must be between 0 and 600 seconds, not "
                    + warmUpSeconds);
        }
        Duration warmUp = warmUpSeconds == null ? BenchPlan.defaultWarmUp(quick)
                : Duration.ofSeconds(warmUpSeconds);
        Path outDir = (out != null ? out : home.artifact("load-tests/target/bench")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        PrintWriter console = spec.commandLine().getOut();
        Bench.Outcome outcome = Bench.run(home, new BenchPlan(chosen, chosenScenarios, quick, rate, warmUp, outDir,
                infra.toOptions(false), tracing), line -> {
                    console.println(line);
                    console.flush();
                });
        console.println();
        console.printf("bench finished in %d min %02d s: %d run(s), %d failed to run, %d with audit violations%n",
                outcome.took().toMinutes(), outcome.took().toSecondsPart(), outcome.runs().size(),
                outcome.runs().stream().filter(r -> r.details().error() != null).count(),
                outcome.runs().stream().filter(r -> r.audit().total() > 0).count());
        console.println("summary: " + outDir.resolve("summary.md"));
        console.println("results: " + outDir.resolve("results.json"));
        console.println("report:  " + outcome.report());
        console.flush();
        return outcome.runs().stream().allMatch(r -> r.details().error() == null) ? 0 : 1;
    }

    private List<Architecture> chooseArchitectures() {
        if (Architectures.all().isEmpty()) {
            throw new IllegalStateException("No architecture is built into this lab yet.");
        }
        if (architectures.isEmpty()) {
            return Architectures.all();
        }
        List<Architecture> result = new ArrayList<>();
        for (String name : architectures) {
            result.add(Architectures.byName(name.trim()).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "Unknown architecture '" + name + "': use one of " + Architectures.names())));
        }
        return result;
    }

    private List<Scenario> chooseScenarios(List<Scenario> catalogue) {
        if (scenarios.isEmpty()) {
            return catalogue;
        }
        List<Scenario> result = new ArrayList<>();
        for (String name : scenarios) {
            result.add(catalogue.stream().filter(s -> s.name().equals(name.trim())).findFirst().orElseThrow(() ->
                    new CommandLine.ParameterException(spec.commandLine(), "Unknown scenario '" + name + "': use one of "
                            + String.join(", ", catalogue.stream().map(Scenario::name).toList()))));
        }
        return result;
    }

    /** Registers {@code bench} with {@code ./shoplab}. */
    public static final class Contribution implements CommandContribution {
        @Override
        public Object command() {
            return new BenchCommand();
        }
    }
}
