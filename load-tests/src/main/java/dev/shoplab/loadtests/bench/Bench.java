package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.cli.OtherLabCommands;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.lab.infra.KafkaEndpoint;
import dev.shoplab.lab.process.ClassDataSharing;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.lab.process.ServiceJvm;
import dev.shoplab.loadtests.load.KafkaWarmUp;
import dev.shoplab.loadtests.measure.PhaseClock;
import dev.shoplab.loadtests.report.Report;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.results.Ceiling;
import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.MeshVariant;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.traces.TraceReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The comparative benchmark: every chosen architecture × every scenario that applies to it, one after
 * the other on one infrastructure (each run on empty databases), then one report.
 */
public final class Bench {

    /** The outcome: every run, what was skipped, how long it took and where the report is. */
    public record Outcome(List<RunResult> runs, List<String> skipped, Duration took, Path report) {
    }

    /** One run of the matrix: an architecture, a scenario, and the mesh variant (null: as shipped). */
    record Pair(Architecture architecture, Scenario scenario, MeshVariant variant) {
    }

    private Bench() {
    }

    /**
     * Warms the shared Kafka broker before the first event-driven run (ADR 0010, addendum 7); a failure is reported
     * and the bench goes on, its first event-driven runs then carrying the broker's JIT compilation.
     */
    private static void warmUpKafka(Stage stage, Path logDir, Consumer<String> console) {
        Optional<KafkaEndpoint> kafka = stage.servers().flatMap(Infrastructure::kafka);
        if (kafka.isEmpty()) {
            return;
        }
        console.accept(String.format("Warming up Kafka: %d records of %d bytes at up to %d/s in small requests, fetched as "
                        + "they arrive (Kafka's producer and consumer benchmarks; not measured)...",
                KafkaWarmUp.RECORDS, KafkaWarmUp.RECORD_BYTES, KafkaWarmUp.RATE));
        try {
            console.accept(String.format(Locale.ROOT, "Kafka warm after %.0f s", KafkaWarmUp.run(kafka.get(), logDir)));
        } catch (RuntimeException e) {
            console.accept("Kafka's warm-up failed (" + e.getMessage() + "); the first event-driven runs include the "
                    + "broker's JIT compilation");
        }
    }

    /**
     * The runs of a plan, architecture by architecture in the catalogue's order: each scenario that runs on the
     * architecture in the plan's mode, once as shipped and once per mesh variant; {@code skipped} gets a line for
     * each scenario of the mode that does not apply to an architecture.
     */
    static List<Pair> matrix(BenchPlan plan, List<String> skipped) {
        return matrix(plan, skipped, (a, s) -> Optional.empty());
    }

    /** The same, where {@code cannotRun} may refuse a pair that applies (why it cannot run where the runs happen). */
    private static List<Pair> matrix(BenchPlan plan, List<String> skipped,
                                     BiFunction<Architecture, Scenario, Optional<String>> cannotRun) {
        List<Pair> pairs = new ArrayList<>();
        for (Architecture a : plan.architectures()) {
            for (Scenario s : plan.scenarios()) {
                if (s.runsOn(a.name(), plan.quick())) {
                    Optional<String> cannot = cannotRun.apply(a, s);
                    if (cannot.isPresent()) {
                        skipped.add(a.name() + " × " + s.name() + " (" + s.title() + " cannot run on " + a.name()
                                + " deployed elsewhere: " + cannot.get() + ")");
                        continue;
                    }
                    pairs.add(new Pair(a, s, null));
                    s.meshVariants().forEach(v -> pairs.add(new Pair(a, s, v)));
                } else if (!s.appliesTo(a.name()) && (!plan.quick() || s.inQuickMatrix())) {
                    skipped.add(a.name() + " × " + s.name() + " (" + s.title() + " does not apply to the "
                            + a.name() + ")");
                }
            }
        }
        return pairs;
    }

    public static Outcome run(LabHome home, BenchPlan plan, Consumer<String> console) {
        Optional<DeployedStage> deployed = plan.deployed().map(DeployedStage::new);
        List<String> skipped = new ArrayList<>();
        List<Pair> pairs = matrix(plan, skipped, (a, s) -> deployed.flatMap(stage -> stage.cannotRun(a, s)));
        boolean kafka = plan.architectures().stream().anyMatch(Architecture::needsKafka);
        Instant started = Instant.now();
        PhaseClock clock = new PhaseClock();
        console.accept(String.format("shoplab bench: %d run(s)%s, results in %s", pairs.size(),
                plan.quick() ? " (quick)" : "", plan.outDir()));
        skipped.forEach(s -> console.accept("  skipped: " + s));
        if (plan.quick() && !plan.warmUp().isZero() && plan.warmUp().compareTo(BenchPlan.defaultWarmUp(false)) < 0) {
            console.accept("  quick: each run warms up for at most " + plan.warmUp().toSeconds() + " s, short of what a "
                    + "fresh JVM needs (ADR 0010), so its runs are flagged NOT WARM: compare the architectures' shapes "
                    + "here, their figures in the full bench");
        }
        if (deployed.isEmpty()) {
            OtherLabCommands.warning(home, "the bench").ifPresent(line -> console.accept("  " + line));
        }

        // every service JVM this bench starts uses the plan's JIT (ServiceJvm reads it when it builds a command line)
        System.setProperty(ServiceJvm.JIT_PROPERTY, plan.jit().cliName());
        // and records the class-data sharing archives that later runs (and later lab commands) map
        System.setProperty(ClassDataSharing.RECORD_PROPERTY, "true");
        List<RunResult> results = new ArrayList<>();
        List<Ceiling> ceilings = new ArrayList<>();
        String durability = plan.infra().durability().describe();
        try (LabRun run = LabRun.open(home, "bench")) {
            if (plan.tracing()) {
                // in this process, on loopback: what it costs is not the architectures' (a collector runs elsewhere)
                TraceReceiver traces = run.receiveTraces();
                console.accept("Tracing on: every process sends its spans to " + traces.tracesUrl());
            }
            Stage stage;
            clock.begin("infrastructure start");
            if (deployed.isPresent()) {
                stage = deployed.get();
                console.accept("Driving " + stage.describe() + "; nothing is started here. Logs: " + run.dir());
            } else {
                console.accept("Starting the infrastructure (PostgreSQL "
                        + plan.infra().durability().name().toLowerCase(Locale.ROOT)
                        + (kafka ? ", Kafka" : "") + ", PSP and mail simulators)... logs: " + run.dir());
                stage = LabStage.start(run, new InfraOptions(plan.infra().provider(), kafka,
                        plan.infra().durability(), plan.infra().externalJdbc(), plan.infra().externalUser(),
                        plan.infra().externalPassword(), plan.infra().externalKafka()));
            }
            clock.end();
            if (kafka && !plan.quick() && deployed.isEmpty()) {
                clock.begin("broker warm-up");
                warmUpKafka(stage, run.dir(), console);
                clock.end();
            }
            try (stage) {
                durability = stage.durability();
                BenchContext context = new BenchContext(home, plan.outDir(), stage, plan.quick(), plan.rate(),
                        plan.warmUp(), console, run.traceReceiver());
                for (int i = 0; i < pairs.size(); i++) {
                    if (ProcessLedger.refusingNewProcesses()) {
                        break; // stopped (Ctrl-C, SIGTERM): the runs that finished are reported; none is started
                    }
                    Pair pair = pairs.get(i);
                    String label = String.format("[%d/%d] %s · %s%s", i + 1, pairs.size(), pair.architecture().name(),
                            pair.scenario().name(), pair.variant() == null ? "" : " · " + pair.variant().name());
                    console.accept(label + "  starting (" + Report.minutesAndSeconds(Duration.between(started, Instant.now()))
                            + " into the bench)");
                    clock.begin("runs");
                    RunResult result = new BenchRun(context, pair.architecture(), pair.scenario(), pair.variant(),
                            label).execute();
                    if (ProcessLedger.refusingNewProcesses()) {
                        break; // stopped while it ran: a run cut short is not reported as one that failed
                    }
                    results.add(result);
                    if (pair.scenario().isSaturation() && pair.variant() == null && result.details().error() == null) {
                        clock.begin("ceilings");
                        ceilings.add(Ceilings.measure(context, pair.architecture(), result, console));
                    }
                    clock.begin("report");
                    Report.write(plan.outDir(), new Report.Inputs(results, skipped, plan, durability,
                            Duration.between(started, Instant.now()), ceilings, clock.seconds()));
                }
                clock.begin("infrastructure stop");
            }
        }
        clock.end();
        if (ProcessLedger.refusingNewProcesses()) {
            throw new IllegalStateException("stopped: the runs that finished are in " + plan.outDir());
        }
        Duration took = Duration.between(started, Instant.now());
        Path index = Report.write(plan.outDir(), new Report.Inputs(results, skipped, plan, durability, took, ceilings,
                clock.seconds()));
        return new Outcome(results, skipped, took, index);
    }
}
