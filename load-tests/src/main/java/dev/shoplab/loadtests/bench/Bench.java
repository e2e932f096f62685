package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.loadtests.report.Report;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The comparative benchmark: every chosen architecture × every scenario that applies to it, one after
 * the other on one infrastructure (each run on empty databases), then one report.
 */
public final class Bench {

    /** The outcome: every run, what was skipped, how long it took and where the report is. */
    public record Outcome(List<RunResult> runs, List<String> skipped, Duration took, Path report) {
    }

    private record Pair(Architecture architecture, Scenario scenario) {
    }

    private Bench() {
    }

    /**
     * Servers or services that another lab command runs (an {@code ./shoplab up} left open in another
     * terminal) take CPU from every run of the bench on a small machine: say so before it starts.
     */
    private static void warnAboutOtherLabProcesses(LabHome home, Consumer<String> console) {
        List<OwnedProcess> others = new ProcessLedger(home.pidDir())
                .all().stream().filter(p -> p.live().isPresent()).toList();
        if (!others.isEmpty()) {
            console.accept("  warning: " + others.size() + " process(es) of other lab commands are running ("
                    + String.join(", ", others.stream().map(p -> p.name() + " pid " + p.pid()).toList())
                    + "); they compete with the bench for CPU. './shoplab status' shows them, './shoplab down' "
                    + "stops them.");
        }
    }

    public static Outcome run(LabHome home, BenchPlan plan, Consumer<String> console) {
        List<Scenario> scenarios = plan.scenarios().stream().filter(s -> !plan.quick() || s.inQuickMatrix()).toList();
        Optional<DeployedStage> deployed = plan.deployed().map(DeployedStage::new);
        List<String> skipped = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        for (Architecture a : plan.architectures()) {
            for (Scenario s : scenarios) {
                Optional<String> cannot = deployed.flatMap(stage -> stage.cannotRun(a, s));
                if (!s.appliesTo(a.name())) {
                    skipped.add(a.name() + " × " + s.name() + " (" + s.title() + " does not apply to the "
                            + a.name() + ")");
                } else if (cannot.isPresent()) {
                    skipped.add(a.name() + " × " + s.name() + " (" + s.title() + " cannot run on " + a.name()
                            + " deployed elsewhere: " + cannot.get() + ")");
                } else {
                    pairs.add(new Pair(a, s));
                }
            }
        }
        boolean kafka = plan.architectures().stream().anyMatch(Architecture::needsKafka);
        Instant started = Instant.now();
        console.accept(String.format("shoplab bench: %d run(s)%s, results in %s", pairs.size(),
                plan.quick() ? " (quick)" : "", plan.outDir()));
        skipped.forEach(s -> console.accept("  skipped: " + s));
        if (deployed.isEmpty()) {
            warnAboutOtherLabProcesses(home, console);
        }

        List<RunResult> results = new ArrayList<>();
        String durability = plan.infra().durability().describe();
        try (LabRun run = LabRun.open(home, "bench")) {
            Stage stage;
            if (deployed.isPresent()) {
                stage = deployed.get();
                console.accept("Driving " + stage.describe() + "; nothing is started here. Logs: " + run.dir());
            } else {
                console.accept("Starting the infrastructure (PostgreSQL " + plan.infra().durability().name().toLowerCase()
                        + (kafka ? ", Kafka" : "") + ", PSP and mail simulators)... logs: " + run.dir());
                stage = LabStage.start(run, new InfraOptions(plan.infra().provider(), kafka,
                        plan.infra().durability(), plan.infra().externalJdbc(), plan.infra().externalUser(),
                        plan.infra().externalPassword(), plan.infra().externalKafka()));
            }
            try (stage) {
                durability = stage.durability();
                BenchContext context = new BenchContext(home, plan.outDir(), stage, plan.quick(), plan.rate(),
                        plan.warmUp(), console);
                for (int i = 0; i < pairs.size(); i++) {
                    Architecture a = pairs.get(i).architecture();
                    Scenario s = pairs.get(i).scenario();
                    String label = String.format("[%d/%d] %s · %s", i + 1, pairs.size(), a.name(), s.name());
                    console.accept(label + "  starting");
                    try {
                        results.add(new BenchRun(context, a, s, label).execute());
                    } catch (RuntimeException e) {
                        // The message may carry a process's log tail: the console gets its first line, the report all.
                        String message = String.valueOf(e.getMessage());
                        console.accept(label + "  FAILED: " + message.lines().findFirst().orElse(message));
                        results.add(failed(a, s, e));
                    }
                    Report.write(plan.outDir(), new Report.Inputs(results, skipped, plan, durability,
                            Duration.between(started, Instant.now())));
                }
            }
        }
        Duration took = Duration.between(started, Instant.now());
        Path index = Report.write(plan.outDir(), new Report.Inputs(results, skipped, plan, durability, took));
        return new Outcome(results, skipped, took, index);
    }

    private static RunResult failed(Architecture a, Scenario s, RuntimeException e) {
        return RunResult.failed(a.name(), s.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
