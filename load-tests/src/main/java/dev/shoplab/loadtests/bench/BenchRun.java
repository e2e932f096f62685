package dev.shoplab.loadtests.bench;

import dev.shoplab.loadtests.DaemonThreads;
import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.TracesEndpoint;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.lab.process.ClassDataSharing;
import dev.shoplab.lab.process.PortTakenException;
import dev.shoplab.lab.seed.CatalogueAdmin;
import dev.shoplab.lab.seed.CatalogueSeed;
import dev.shoplab.loadtests.audit.Audit;
import dev.shoplab.loadtests.audit.AuditFindings;
import dev.shoplab.loadtests.audit.ProviderLedgers;
import dev.shoplab.loadtests.fault.FaultInjector;
import dev.shoplab.loadtests.load.GatlingLoad;
import dev.shoplab.loadtests.load.WarmUp;
import dev.shoplab.loadtests.measure.Counters;
import dev.shoplab.loadtests.measure.EventTraffic;
import dev.shoplab.loadtests.measure.LoadStatistics;
import dev.shoplab.loadtests.measure.PhaseClock;
import dev.shoplab.loadtests.measure.ResourceSampler;
import dev.shoplab.loadtests.mesh.MeshControl;
import dev.shoplab.loadtests.mesh.RetryAmplification;
import dev.shoplab.loadtests.report.Summary;
import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.Fault;
import dev.shoplab.loadtests.scenario.MeshVariant;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.simulation.LoadSettings;
import dev.shoplab.loadtests.simulation.OrderRecord;
import dev.shoplab.loadtests.simulation.SaturationRamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * One run of the bench: an architecture started fresh on empty databases, seeded, warmed up, loaded by Gatling
 * while the scenario's faults play, drained, audited and measured.
 */
final class BenchRun {

    /** How long the mail count may stand still, with orders concluded but not mailed, before the drain ends. */
    private static final Duration MAIL_STALL = Duration.ofSeconds(5);
    /**
     * How long the number of orders in progress may stand still before the drain ends: twice the longest pause a
     * recovering architecture shows here (the event-driven consumer group's session timeout and its outbox relay's
     * safety-net poll, 10 s each). An order that made no progress for this long is one nothing will conclude — the
     * distributed monolith leaves one when its database restarts under a call chain — and the audit reports it as
     * stuck; waiting out the whole bound for it cost the matrix 70 s.
     */
    private static final Duration ORDER_STALL = Duration.ofSeconds(20);

    private final BenchContext bench;
    private final Architecture architecture;
    private final Scenario scenario;
    private final MeshVariant variant;
    private final String label;
    private final Consumer<String> console;
    /** With tracing, the spans the bench's receiver had got when the load began. */
    private long spansBefore;
    /** Service JVMs of this run that started without a class-data sharing archive, to record one. */
    private int cdsRecorded;
    private final PhaseClock clock = new PhaseClock();

    /**
     * @param variant the mesh policy variant of this run ({@link Scenario#meshVariants()}), or null for the policy
     *                as shipped (and for architectures without a mesh)
     */
    BenchRun(BenchContext bench, Architecture architecture, Scenario scenario, MeshVariant variant, String label) {
        this.bench = bench;
        this.architecture = architecture;
        this.scenario = scenario;
        this.variant = variant;
        this.label = label;
        this.console = line -> bench.console().accept(label + "  " + line);
    }

    /** The run's name in folders: {@code <architecture>-<scenario>[-<variant>]}. */
    static String runName(String architecture, String scenario, String variant) {
        return architecture + "-" + scenario + (variant == null ? "" : "-" + variant);
    }

    /**
     * Runs it; never throws for a failure of the run itself (the architecture did not start, the load failed …):
     * that is a failed result, with the reason and the time its phases took.
     */
    RunResult execute() {
        try {
            RunResult result = measure();
            clock.end();
            RunResult.Details d = result.details();
            return result.withDetails(new RunResult.Details(d.series(), d.faultWindows(), d.events(),
                    d.auditExamples(), d.meshTries(), d.gatlingCpuSeconds(), d.pollsPerOrder(), d.gatlingReport(),
                    d.logs(), d.drainSeconds(), d.steps(), d.kneeRps(), d.kneeVerdict(), d.error(), d.variant(),
                    clock.seconds(), d.warmUp(), d.processes(), d.amplification(), d.kafka(), d.startCpuSeconds(),
                    d.meshEjections(), d.cdsRecorded()));
        } catch (RuntimeException e) {
            clock.end();
            // The message may carry a process's log tail: the console gets its first line, the report all.
            String message = String.valueOf(e.getMessage());
            console.accept("FAILED: " + message.lines().findFirst().orElse(message));
            return RunResult.failed(architecture.name(), scenario.name(), variant == null ? null : variant.name(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), clock.seconds());
        }
    }

    private RunResult measure() {
        String name = runName(architecture.name(), scenario.name(), variant == null ? null : variant.name());
        Path dir = bench.outDir().resolve("runs").resolve(name);
        Stage stage = bench.stage();
        boolean quick = bench.quick();
        List<LoadSettings.Phase> phases = scenario.phases(quick, bench.rate());
        Duration load = phases.stream().map(LoadSettings.Phase::duration).reduce(Duration.ZERO, Duration::plus);
        RunResult result;
        try (LabRun run = LabRun.open(bench.home(), "bench-" + name)) {
            // each run starts its architecture in a run of its own: it traces when the bench does
            bench.traces().ifPresent(receiver -> run.sendTracesTo(TracesEndpoint.of(receiver.endpoint())));
            Files.createDirectories(dir);
            clock.begin("reset");
            stage.reset(architecture);
            clock.begin("start");
            long startedAt = System.nanoTime();
            int recordingsBefore = ClassDataSharing.recordingsStarted();
            // a port picked free can be taken by another program before the service binds it: nothing ran, start again
            RunningArchitecture running = PortTakenException.retry(4, () -> stage.start(run, architecture), taken -> {
                console.accept("a port picked for it was taken by another program before it could listen on it ("
                        + taken.getMessage().lines().findFirst().orElse("") + "); starting it again on other ports");
                stage.reset(architecture);
            });
            cdsRecorded = ClassDataSharing.recordingsStarted() - recordingsBefore;
            Map<String, Long> pids = new LinkedHashMap<>();
            running.processes().forEach((role, p) -> pids.put(role, p.pid()));
            double startCpu = ResourceSampler.cpuSecondsSinceStart(pids);
            clock.begin("seed");
            CatalogueSeed seed = CatalogueSeed.standard().withStock(scenario.stock());
            CatalogueAdmin.apply(new AdminApi(running.catalogueAdminUrl(), stage.token(run)), seed);
            AuditQueries queries = architecture.auditQueries();
            // what the databases held before this run's orders (nothing, unless the architecture runs elsewhere)
            Audit.Baseline baseline = Audit.Baseline.read(stage::database, queries);
            console.accept(String.format(Locale.ROOT, "started and seeded in %.1f s (starting took its processes "
                    + "%.1f CPU-s)", (System.nanoTime() - startedAt) / 1e9, startCpu));
            Optional<MeshControl> mesh = meshControl(running, stage.token(run));
            if (variant != null) {
                List<String> hosts = mesh.orElseThrow(() -> new IllegalStateException("The scenario runs a mesh "
                        + "variant, but the " + architecture.name() + " has no mesh; limit its appliesTo to "
                        + "architectures with one")).apply(variant);
                console.accept("mesh policy changed on " + hosts.size() + " destination(s): " + variant.describe());
            }
            Map<String, Integer> maxTries = new LinkedHashMap<>();
            mesh.ifPresent(m -> scenario.meshChain().forEach(host -> maxTries.put(host, m.maxTries(host))));

            LoadSettings settings = new LoadSettings(running.edgeUrl(), phases, scenario.clientRetries(),
                    scenario.requestTimeout(), LoadSettings.POLL_INTERVAL, quick ? Duration.ofSeconds(20) : Duration.ofSeconds(40),
                    scenario.skuCount(), dir.resolve("orders.csv"),
                    scenario.isSaturation() ? scenario.sloOutcomeP99().toMillis() : 0, scenario.stopAfterBrokenSteps());
            clock.begin("warm-up");
            // the load generator's JVM starts while the architecture warms up; its load waits for go()
            GatlingLoad gatling = GatlingLoad.start(dir, settings);
            WarmUp.Result warmUp;
            Counters before;
            Map<TopicPartition, Long> offsetsBefore;
            List<String> events;
            long loadStart;
            ResourceSampler cost;
            ResourceSampler gatlingCost;
            FaultWindowCounts window = new FaultWindowCounts(mesh.orElse(null), scenario.faults(quick).size());
            try {
                warmUp = warmUp(running, scenario.skuCount());
                before = Counters.read(stage.simulators(), running);
                offsetsBefore = architecture.needsKafka() ? kafkaOffsets(stage) : null;
                spansBefore = spansReceived();
                console.accept(String.format("load %s for %d s%s", LoadSettings.formatPhases(phases), load.toSeconds(),
                        scenario.isSaturation() && scenario.stopAfterBrokenSteps() > 0 ? " at most (the ramp stops "
                                + scenario.stopAfterBrokenSteps() + " broken steps after its knee)" : ""));
                clock.begin("load-generator start");
                cost = new ResourceSampler(() -> stage.costRoots(running, architecture)).start();
                gatlingCost = new ResourceSampler(() -> Map.of("gatling", gatling.pid())).start();
                window.loadStarts();
                gatling.go();
                try (FaultInjector faults = new FaultInjector(scenario.faults(quick), stage.simulators(),
                        running, stage.servers(), console)) {
                    faults.onChange(window::onChange);
                    loadStart = gatling.awaitStart(Duration.ofSeconds(90));
                    clock.end();
                    faults.start(loadStart);
                    ScheduledExecutorService ticker = progress(loadStart, load);
                    try {
                        Duration bound = load.plus(settings.outcomeTimeout()).plus(settings.requestTimeout()
                                .multipliedBy(1L + settings.clientRetries())).plusSeconds(60);
                        if (!gatling.awaitEnd(bound)) {
                            console.accept("Gatling did not finish within " + bound.toSeconds() + " s and was stopped");
                        }
                    } finally {
                        ticker.shutdownNow();
                    }
                    // the load proper, then the wait for the last orders' outcomes
                    double loaded = (System.currentTimeMillis() - loadStart) / 1000.0;
                    clock.add("load", Math.min(loaded, load.toMillis() / 1000.0));
                    clock.add("outcome wait", Math.max(0, loaded - load.toMillis() / 1000.0));
                    events = faults.events();
                }
            } finally {
                gatling.kill();
            }
            gatlingCost.close();

            clock.begin("drain");
            double drained = drain(stage.database(queries.ordersDatabase()), queries, stage.simulators(),
                    quick ? Duration.ofSeconds(30) : Duration.ofSeconds(90));
            cost.close();

            clock.begin("audit");
            List<OrderRecord> records = OrderRecord.read(settings.recordFile());
            LoadStatistics stats = new LoadStatistics(records, loadStart);
            Set<String> acknowledged = new HashSet<>();
            records.stream().filter(OrderRecord::accepted).forEach(r -> acknowledged.add(r.orderId()));
            acknowledged.addAll(warmUp.acknowledged());
            Map<String, Long> initialStock = new LinkedHashMap<>();
            seed.items().forEach(i -> initialStock.put(i.sku(), (long) i.available()));
            AuditFindings audit = Audit.run(stage::database, queries, acknowledged, initialStock,
                    ProviderLedgers.read(stage.simulators()), baseline);

            Counters during = Counters.read(stage.simulators(), running).since(before);
            RunResult.Amplification amplification = scenario.meshChain().isEmpty() || mesh.isEmpty() ? null
                    : window.amplification(scenario.meshChain(), maxTries);
            RunResult.KafkaTraffic kafka = offsetsBefore == null ? null
                    : kafkaTraffic(stage, offsetsBefore, stats.counts().submitted());
            result = result(stats, load, phases, audit, during, cost, gatlingCost, events, drained, gatling, run.dir(),
                    warmUp, amplification, kafka, startCpu);
            console.accept(headline(result) + tracedPerOrder(stats.counts().submitted()));
            clock.begin("stop");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /**
     * With {@code --tracing}, how many spans the bench's receiver got from the start of the load to the end of the
     * drain, and per order offered: proof on the console that the architecture traced (the processes export a batch
     * a second, so a warm-up order's last spans may be counted and the last second's may come after). Empty without
     * tracing.
     */
    private String tracedPerOrder(long orders) {
        if (bench.traces().isEmpty()) {
            return "";
        }
        long spans = spansReceived() - spansBefore;
        return String.format(Locale.ROOT, "; traced: %d spans received%s", spans,
                orders == 0 ? "" : String.format(Locale.ROOT, " (%.1f per order)", (double) spans / orders));
    }

    private long spansReceived() {
        return bench.traces().map(receiver -> receiver.stats().receivedSpans()).orElse(0L);
    }

    /**
     * The end offsets of the broker's topics, or null (and a line on the console) when they cannot be read; null
     * too when the broker is not the lab's (an architecture deployed elsewhere).
     */
    private Map<TopicPartition, Long> kafkaOffsets(Stage stage) {
        Optional<String> bootstrap = stage.servers().flatMap(Infrastructure::kafka).map(k -> k.bootstrapServers());
        if (bootstrap.isEmpty()) {
            return null;
        }
        try {
            return EventTraffic.endOffsets(bootstrap.get());
        } catch (RuntimeException e) {
            console.accept("Kafka's end offsets could not be read, the run has no event figures: " + e.getMessage());
            return null;
        }
    }

    /** What the architecture wrote to Kafka since {@code before}; null when the broker cannot tell. */
    private RunResult.KafkaTraffic kafkaTraffic(Stage stage, Map<TopicPartition, Long> before, long orders) {
        try {
            EventTraffic t = EventTraffic.since(stage.servers().flatMap(Infrastructure::kafka).orElseThrow()
                    .bootstrapServers(), before);
            return new RunResult.KafkaTraffic(t.recordsByTopic(), t.perOrder(orders), t.meanRecordBytes(),
                    t.partitions());
        } catch (RuntimeException e) {
            console.accept("Kafka's records could not be read, the run has no event figures: " + e.getMessage());
            return null;
        }
    }

    /** The mesh's admin API, when the architecture has a mesh. */
    private static Optional<MeshControl> meshControl(RunningArchitecture running, ControlToken token) {
        return running.meshAdminUrl().map(url -> new MeshControl(new AdminApi(url, token)));
    }

    /**
     * The mesh's counters at the moment the first fault of the run was applied and the last one lifted: the
     * window in which a retry storm can build up, without the healthy seconds around it. Without a fault (or when it
     * never came on), the whole load from its start.
     */
    private static final class FaultWindowCounts {

        private final MeshControl mesh;
        private final int faults;
        private int lifted;
        private boolean faulted;
        private Map<String, MeshControl.Counts> before;
        private Map<String, MeshControl.Counts> after;
        private long from;
        private long to;

        FaultWindowCounts(MeshControl mesh, int faults) {
            this.mesh = mesh;
            this.faults = faults;
        }

        /** The load is about to start: the counts from which a run without a fault is measured. */
        synchronized void loadStarts() {
            if (mesh != null) {
                before = mesh.counts();
                from = System.currentTimeMillis();
            }
        }

        synchronized void onChange(Fault fault, boolean applied) {
            if (mesh == null) {
                return;
            }
            if (applied && !faulted) {
                faulted = true;
                before = mesh.counts();
                from = System.currentTimeMillis();
            } else if (!applied && ++lifted == faults) {
                after = mesh.counts();
                to = System.currentTimeMillis();
            }
        }

        synchronized RunResult.Amplification amplification(List<String> chain, Map<String, Integer> maxTries) {
            if (after == null) {
                after = mesh.counts();
                to = System.currentTimeMillis();
            }
            String window = String.format(Locale.ROOT, "%.0f s %s", (to - from) / 1000.0,
                    faulted ? "while the fault was on" : "of load");
            return RetryAmplification.of(window, chain, maxTries, before == null ? Map.of() : before, after);
        }
    }

    private ScheduledExecutorService progress(long loadStart, Duration load) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("shoplab-progress"));
        ticker.scheduleAtFixedRate(() -> {
            long elapsed = (System.currentTimeMillis() - loadStart) / 1000;
            console.accept(elapsed <= load.toSeconds()
                    ? String.format("load %3d/%d s", elapsed, load.toSeconds())
                    : String.format("load done; %d s waiting for the last orders' outcomes", elapsed - load.toSeconds()));
        }, 5, bench.quick() ? 5 : 10, TimeUnit.SECONDS);
        return ticker;
    }

    /**
     * Waits until no order in the database is still in progress and the mail sink holds a message for every
     * concluded order, or the bound passes; returns seconds waited. Notifications go out after an order
     * concludes (an outbox in the monolith and the event-driven system), so they are waited for too; a mail
     * count that stops growing for {@link #MAIL_STALL} ends the wait, since an architecture that lost a
     * notification will not send it later; so does a count of orders in progress that stands still for
     * {@link #ORDER_STALL}.
     */
    private double drain(PostgresEndpoint postgres, AuditQueries queries, AdminApi simulators, Duration bound) {
        long start = System.nanoTime();
        String sql = "select count(*) filter (where status not in ('CONFIRMED','REJECTED','FAILED')), count(*) from ("
                + queries.ordersSql() + ") o";
        StandStill mail = new StandStill(MAIL_STALL);
        StandStill orders = new StandStill(ORDER_STALL);
        // one connection for the whole drain: a new one every round would fork a PostgreSQL backend four times a
        // second, inside the window whose CPU is the architecture's
        Connection c = null;
        try {
            while (System.nanoTime() - start < bound.toNanos()) {
                try {
                    c = c != null ? c : postgres.connect(queries.ordersDatabase());
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                        rs.next();
                        long inProgress = rs.getLong(1);
                        if (orders.observe(inProgress, System.nanoTime()) && inProgress > 0) {
                            console.accept(String.format("drain: %d order(s) made no progress for %d s; the audit "
                                    + "will report them as stuck", inProgress, ORDER_STALL.toSeconds()));
                            break;
                        }
                        if (inProgress == 0) {
                            // the mail ledger is read only once every order has concluded
                            long mailed = ProviderLedgers.mailedOrders(simulators);
                            if (mailed >= rs.getLong(2) || mail.observe(mailed, System.nanoTime())) {
                                break;
                            }
                        }
                    }
                } catch (SQLException e) {
                    // the database may be restarting at the end of a db-restart run: a new connection, then again
                    closeQuietly(c);
                    c = null;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            closeQuietly(c);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // a broken connection: nothing to close
            }
        }
    }

    private WarmUp.Result warmUp(RunningArchitecture running, int skuCount) {
        Duration most = bench.warmUp();
        if (most.isZero()) {
            return WarmUp.Result.NONE;
        }
        Duration least = most.dividedBy(3);
        console.accept(String.format("warming up: %d clients in a closed loop until throughput is steady "
                + "(%d to %d s, at least %d orders if time allows; not measured)", WarmUp.CLIENTS, least.toSeconds(),
                most.toSeconds(), WarmUp.MIN_ORDERS));
        WarmUp.Result result = WarmUp.run(running.edgeUrl(), WarmUp.CLIENTS, least, most, skuCount);
        console.accept(String.format("%s %.0f s (%d orders placed, %d concluded; per %d-s window: %s)%s",
                result.criteriaMet() ? "warm after" : "warm-up ran out after", result.took().toMillis() / 1e3,
                result.placed(), result.completed(), WarmUp.WINDOW.toSeconds(),
                result.windows().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                result.criteriaMet() ? ""
                        : " — NOT WARM: " + result.shortfall() + " at the end of its " + most.toSeconds()
                        + " s; this run's figures include a partly cold start (ADR 0010)"));
        return result;
    }

    private RunResult result(LoadStatistics stats, Duration load, List<LoadSettings.Phase> phases,
                             AuditFindings audit, Counters counters,
                             ResourceSampler cost, ResourceSampler gatlingCost, List<String> events, double drained,
                             GatlingLoad gatling, Path logs, WarmUp.Result warmUp,
                             RunResult.Amplification amplification, RunResult.KafkaTraffic kafka,
                             double startCpu) {
        LoadStatistics.Counts counts = stats.counts();
        List<Fault> faults = scenario.faults(bench.quick());
        List<double[]> windows = faults.stream().map(f -> new double[] {f.at().toSeconds(), f.end().toSeconds()})
                .toList();
        Double recovery = faults.isEmpty() ? null : stats.recoverySeconds(
                faults.stream().map(Fault::at).min(Duration::compareTo).orElseThrow(),
                faults.stream().map(Fault::end).max(Duration::compareTo).orElseThrow(), load).orElse(null);

        long succeeded = counters.compensationsSucceeded();
        long failed = counters.compensationsFailed();
        Map<String, Long> meshTries = counters.meshTries();
        long pspRequests = counters.pspChargeRequests();

        List<RunResult.Step> steps = null;
        SaturationRamp.Knee knee = null;
        double loadSeconds = load.toMillis() / 1000.0;
        double offered = phases.stream().mapToDouble(LoadSettings.Phase::ratePerSecond).max().orElse(0);
        if (scenario.isSaturation()) {
            steps = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            List<SaturationRamp.StepCounts> stepCounts = new ArrayList<>();
            double from = 0;
            double ran = 0;
            offered = 0;
            for (LoadSettings.Phase p : phases) {
                double to = from + p.duration().toMillis() / 1000.0;
                SaturationRamp.StepCounts c = stats.stepCounts(from, to, scenario.sloOutcomeP99().toMillis());
                rates.add(p.ratePerSecond());
                stepCounts.add(c);
                if (c.orders() > 0) {
                    // the ramp stops part way into the step after its knee: at an open-model rate, its orders
                    // took orders / rate seconds to arrive; the step's CPU is read over the part that ran
                    ran = Math.min(to, from + c.orders() / p.ratePerSecond());
                    long stepStart = stats.loadStartEpochMs() + Math.round(from * 1000);
                    long stepEnd = stats.loadStartEpochMs() + Math.round(ran * 1000);
                    Optional<ResourceSampler.CoresBusy> shop = cost.coresBusy(stepStart, stepEnd);
                    Optional<ResourceSampler.CoresBusy> generator = gatlingCost.coresBusy(stepStart, stepEnd);
                    // kept to 4 decimals: CPU per order is computed from them at 10 orders/s, where 0.01 core is 1 ms
                    steps.add(new RunResult.Step(p.ratePerSecond(), c.orders(), stats.outcomeLatency(from, to).p99(),
                            stats.errorRate(from, to), c.withinSlo(),
                            shop.map(b -> round4(b.processes())).orElse(null),
                            generator.map(b -> round4(b.processes())).orElse(null),
                            shop.map(ResourceSampler.CoresBusy::machine).map(BenchRun::round4).orElse(null)));
                    offered = p.ratePerSecond();
                }
                from = to;
            }
            knee = SaturationRamp.knee(rates, stepCounts, scenario.stopAfterBrokenSteps());
            // the ramp stops after its knee: throughput is over the steps that ran
            loadSeconds = ran > 0 ? ran : loadSeconds;
        }
        String gatlingReport = gatling.report().map(p -> bench.outDir().relativize(p).toString()).orElse(null);
        Map<String, RunResult.ProcessCost> processes = new LinkedHashMap<>();
        Map<String, Double> cpuByRole = cost.cpuSecondsByRole();
        cost.peakByRole().forEach((role, m) -> processes.put(role, new RunResult.ProcessCost(m.rssMb(), m.pssMb(),
                cpuByRole.getOrDefault(role, 0.0))));
        RunResult.WarmUp warm = bench.warmUp().isZero() ? null : new RunResult.WarmUp(
                round2(warmUp.took().toMillis() / 1e3), warmUp.placed(), warmUp.completed(), warmUp.steady(),
                warmUp.criteriaMet(), warmUp.shortfall());
        return new RunResult(architecture.name(), scenario.name(), offered, Math.round(loadSeconds), counts,
                stats.acceptLatency(), stats.outcomeLatency(), round2(counts.confirmed() / loadSeconds),
                pspRequests, counts.submitted() == 0 ? 0 : round2((double) pspRequests / counts.submitted()),
                new RunResult.Compensations(succeeded + failed, succeeded, failed), RunResult.AuditCounts.of(audit),
                recovery, round2(cost.cpuSeconds()), round2(cost.peakMemoryMb()),
                new RunResult.Details(stats.seconds((int) Math.ceil(load.toMillis() / 1000.0) - 1), windows, events, audit.examples(), meshTries,
                        round2(gatlingCost.cpuSeconds()), round2(stats.pollsPerAcceptedOrder()), gatlingReport,
                        logs.toString(), round2(drained), steps, knee == null ? null : knee.rate(),
                        knee == null ? null : knee.verdict().name(), null, variant == null ? null : variant.name(),
                        Map.of(), warm, processes, amplification, kafka, round2(startCpu), counters.meshEjections(),
                        cdsRecorded));
    }

    static String headline(RunResult r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "done: %d orders, %d confirmed, %d failed, %d errors%s; "
                        + "outcome p50 %.0f ms p99 %.0f ms; amplification %.2f; audit %s; %.1f CPU-s, %.0f MB",
                r.orders().submitted(), r.orders().confirmed(), r.orders().failed(), r.orders().errors(),
                Summary.errorAnswers(r.orders()),
                r.outcomeLatencyMs().p50(), r.outcomeLatencyMs().p99(), r.retryAmplification(),
                r.audit().total() == 0 ? "clean" : r.audit().total() + " violation(s)", r.cpuSeconds(), r.peakRssMb()));
        RunResult.Details d = r.details();
        if (d.kneeVerdict() != null) {
            s.append("; knee ").append(d.kneeRps() == null ? "below the first step" : Summary.fmt(d.kneeRps())
                    + " orders/s").append(d.kneeVerdict().equals("ABOVE_TOP_STEP")
                    ? " (NOT FOUND: every step was within the SLO; extend the ramp)" : "");
        }
        if (d.amplification() != null && d.amplification().measured() != null) {
            s.append(String.format(Locale.ROOT, "; %s tries per request along %s: %.1f measured, %.0f predicted",
                    d.amplification().hops().get(d.amplification().hops().size() - 1).destination(),
                    String.join(" → ", d.amplification().hops().stream().map(RunResult.Hop::destination).toList()),
                    d.amplification().measured(), d.amplification().predicted()));
        }
        return s.toString();
    }

    private static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static double round4(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
