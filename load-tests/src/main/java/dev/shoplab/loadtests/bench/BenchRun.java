package dev.shoplab.loadtests.bench;

import dev.shoplab.loadtests.DaemonThreads;
import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.lab.seed.CatalogueAdmin;
import dev.shoplab.lab.seed.CatalogueSeed;
import dev.shoplab.loadtests.audit.Audit;
import dev.shoplab.loadtests.audit.AuditFindings;
import dev.shoplab.loadtests.audit.ProviderLedgers;
import dev.shoplab.loadtests.fault.FaultInjector;
import dev.shoplab.loadtests.load.GatlingLoad;
import dev.shoplab.loadtests.load.WarmUp;
import dev.shoplab.loadtests.measure.Counters;
import dev.shoplab.loadtests.measure.LoadStatistics;
import dev.shoplab.loadtests.measure.ResourceSampler;
import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.Fault;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.simulation.LoadSettings;
import dev.shoplab.loadtests.simulation.OrderRecord;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of the bench: an architecture started fresh on empty databases, seeded, warmed up, loaded by Gatling
 * while the scenario's faults play, drained, audited and measured.
 */
final class BenchRun {

    /** Pause before the first poll of a pending order; the next ones back off (ShopSimulation). */
    /** Clients of the warm-up: enough to keep both cores busy, few enough never to build a queue. */
    private static final int WARM_UP_CLIENTS = 6;
    /** How long the mail count may stand still, with orders concluded but not mailed, before the drain ends. */
    private static final Duration MAIL_STALL = Duration.ofSeconds(5);

    private final BenchContext bench;
    private final Architecture architecture;
    private final Scenario scenario;
    private final String label;
    private final Consumer<String> console;

    BenchRun(BenchContext bench, Architecture architecture, Scenario scenario, String label) {
        this.bench = bench;
        this.architecture = architecture;
        this.scenario = scenario;
        this.label = label;
        this.console = line -> bench.console().accept(label + "  " + line);
    }

    RunResult execute() {
        Path dir = bench.outDir().resolve("runs").resolve(architecture.name() + "-" + scenario.name());
        Stage stage = bench.stage();
        boolean quick = bench.quick();
        List<LoadSettings.Phase> phases = scenario.phases(quick, bench.rate());
        Duration load = phases.stream().map(LoadSettings.Phase::duration).reduce(Duration.ZERO, Duration::plus);
        try (LabRun run = LabRun.open(bench.home(), "bench-" + architecture.name() + "-" + scenario.name())) {
            Files.createDirectories(dir);
            long startedAt = System.nanoTime();
            RunningArchitecture running = stage.prepare(run, architecture);
            CatalogueSeed seed = CatalogueSeed.standard().withStock(scenario.stock());
            CatalogueAdmin.apply(new AdminApi(running.catalogueAdminUrl(), stage.token(run)), seed);
            AuditQueries queries = architecture.auditQueries();
            // what the databases held before this run's orders (nothing, unless the architecture runs elsewhere)
            Audit.Baseline baseline = Audit.Baseline.read(stage::database, queries);
            console.accept(String.format("started and seeded in %.1f s", (System.nanoTime() - startedAt) / 1e9));
            WarmUp.Result warmUp = warmUp(running, scenario.skuCount());
            Counters before = Counters.read(stage.simulators(), running);
            console.accept(String.format("load %s for %d s", LoadSettings.formatPhases(phases), load.toSeconds()));

            LoadSettings settings = new LoadSettings(running.edgeUrl(), phases, scenario.clientRetries(),
                    scenario.requestTimeout(), LoadSettings.POLL_INTERVAL, quick ? Duration.ofSeconds(20) : Duration.ofSeconds(40),
                    scenario.skuCount(), dir.resolve("orders.csv"));
            ResourceSampler cost = new ResourceSampler(() -> stage.costRoots(running, architecture)).start();
            GatlingLoad gatling = GatlingLoad.start(dir, settings);
            ResourceSampler gatlingCost = new ResourceSampler(() -> Map.of("gatling", gatling.pid())).start();
            List<String> events;
            long loadStart;
            try (FaultInjector faults = new FaultInjector(scenario.faults(quick), stage.simulators(),
                    running, stage.servers(), console)) {
                loadStart = gatling.awaitStart(Duration.ofSeconds(90));
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
                events = faults.events();
            } finally {
                gatling.kill();
            }
            gatlingCost.close();

            double drained = drain(stage.database(queries.ordersDatabase()), queries, stage.simulators(),
                    quick ? Duration.ofSeconds(30) : Duration.ofSeconds(90));
            cost.close();

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
            RunResult result = result(stats, load, phases, audit, during, cost, gatlingCost, events,
                    drained, gatling, run.dir());
            console.accept(headline(result));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
     * notification will not send it later.
     */
    private static double drain(PostgresEndpoint postgres, AuditQueries queries, AdminApi simulators, Duration bound) {
        long start = System.nanoTime();
        String sql = "select count(*) filter (where status not in ('CONFIRMED','REJECTED','FAILED')), count(*) from ("
                + queries.ordersSql() + ") o";
        long lastMail = -1;
        long mailChangedAt = start;
        while (System.nanoTime() - start < bound.toNanos()) {
            try (Connection c = postgres.connect(queries.ordersDatabase()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                long inProgress = rs.getLong(1);
                if (inProgress == 0) {
                    // the mail ledger is read only once every order has concluded
                    long mailed = ProviderLedgers.mailedOrders(simulators);
                    if (mailed != lastMail) {
                        lastMail = mailed;
                        mailChangedAt = System.nanoTime();
                    }
                    if (mailed >= rs.getLong(2) || System.nanoTime() - mailChangedAt > MAIL_STALL.toNanos()) {
                        break;
                    }
                }
            } catch (SQLException e) {
                // the database may be restarting at the end of a db-restart run: try again
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private WarmUp.Result warmUp(RunningArchitecture running, int skuCount) {
        Duration most = bench.warmUp();
        if (most.isZero()) {
            return new WarmUp.Result(Set.of(), 0, Duration.ZERO);
        }
        Duration least = most.dividedBy(3);
        console.accept(String.format("warming up: %d clients in a closed loop until throughput is steady "
                + "(%d to %d s, at least %d orders if time allows; not measured)", WARM_UP_CLIENTS, least.toSeconds(),
                most.toSeconds(), WarmUp.MIN_ORDERS));
        WarmUp.Result result = WarmUp.run(running.edgeUrl(), WARM_UP_CLIENTS, least, most, skuCount);
        console.accept(String.format("warm after %.0f s (%d orders placed)", result.took().toMillis() / 1e3,
                result.placed()));
        return result;
    }

    private RunResult result(LoadStatistics stats, Duration load, List<LoadSettings.Phase> phases,
                             AuditFindings audit, Counters counters,
                             ResourceSampler cost, ResourceSampler gatlingCost, List<String> events, double drained,
                             GatlingLoad gatling, Path logs) {
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
        Double knee = null;
        if (scenario.isSaturation()) {
            steps = new ArrayList<>();
            double from = 0;
            for (LoadSettings.Phase p : phases) {
                double to = from + p.duration().toSeconds();
                double p99 = stats.outcomeLatency(from, to).p99();
                double errors = stats.errorRate(from, to);
                boolean ok = p99 > 0 && p99 <= scenario.sloOutcomeP99().toMillis() && errors < 0.01;
                steps.add(new RunResult.Step(p.ratePerSecond(), p99, errors, ok));
                if (ok && (knee == null || p.ratePerSecond() > knee)) {
                    knee = p.ratePerSecond();
                }
                from = to;
            }
        }
        double offered = phases.stream().mapToDouble(LoadSettings.Phase::ratePerSecond).max().orElse(0);
        String gatlingReport = gatling.report().map(p -> bench.outDir().relativize(p).toString()).orElse(null);
        return new RunResult(architecture.name(), scenario.name(), offered, load.toSeconds(), counts,
                stats.acceptLatency(), stats.outcomeLatency(), round2((double) counts.confirmed() / load.toSeconds()),
                pspRequests, counts.submitted() == 0 ? 0 : round2((double) pspRequests / counts.submitted()),
                new RunResult.Compensations(succeeded + failed, succeeded, failed), RunResult.AuditCounts.of(audit),
                recovery, round2(cost.cpuSeconds()), round2(cost.peakMemoryMb()),
                new RunResult.Details(stats.seconds(), windows, events, audit.examples(), meshTries,
                        round2(gatlingCost.cpuSeconds()), round2(stats.pollsPerAcceptedOrder()), gatlingReport, logs.toString(), round2(drained), steps, knee,
                        null));
    }

    static String headline(RunResult r) {
        return String.format("done: %d orders, %d confirmed, %d failed, %d errors; outcome p50 %.0f ms p99 %.0f ms; "
                        + "amplification %.2f; audit %s; %.1f CPU-s, %.0f MB",
                r.orders().submitted(), r.orders().confirmed(), r.orders().failed(), r.orders().errors(),
                r.outcomeLatencyMs().p50(), r.outcomeLatencyMs().p99(), r.retryAmplification(),
                r.audit().total() == 0 ? "clean" : r.audit().total() + " violation(s)", r.cpuSeconds(), r.peakRssMb());
    }

    private static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
