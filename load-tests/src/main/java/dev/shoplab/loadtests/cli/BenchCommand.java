package dev.shoplab.loadtests.cli;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.cli.CommandContribution;
import dev.shoplab.lab.cli.InfraOptionsMixin;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.lab.process.ServiceJvm;
import dev.shoplab.loadtests.bench.Bench;
import dev.shoplab.loadtests.bench.Deployed;
import dev.shoplab.loadtests.report.Report;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.scenario.ScenarioCatalogue;
import dev.shoplab.loadtests.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplab bench}: the comparative benchmark, and the report it writes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the same load and the same faults on each architecture, audit every database, and write "
                + "one comparative report (index.html, summary.md, results.json).",
                "Each architecture is started fresh on empty databases for every scenario: on two cores the full "
                        + "matrix (27 runs) takes about 30 minutes, --quick about 4."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--arch", split = ",", paramLabel = "ARCH",
            description = "Architectures to run (default: all): monolith, distributed-monolith, event-driven.")
    List<String> architectures = new ArrayList<>();

    @Option(names = "--scenario", split = ",", paramLabel = "NAME",
            description = "Scenarios to run (default: all in load-tests/scenarios): baseline, psp-slow, psp-flaky, "
                    + "psp-outage, service-crash, retry-storm, mesh-retry-storm, db-restart, broker-restart, saturation.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--quick", description = "Short runs of the quick subset of scenarios (8 runs, about 4 minutes on two cores; "
            + "the first bench after a build takes a minute more to record the JVMs' class-data-sharing archives).")
    boolean quick;

    @Option(names = "--rate", paramLabel = "R",
            description = "Arrival rate in orders/s instead of each scenario's (saturation steps are scaled).")
    Double rate;

    @Option(names = "--warm-up", paramLabel = "S", converter = Seconds.class,
            description = "Longest warm-up of each architecture before its load, in seconds (30, 30s or 1m; "
                    + "default: 30, with --quick 8): orders placed in a closed loop, not measured but audited, until "
                    + "throughput is steady (at least a third of it). 0 measures cold.")
    Integer warmUpSeconds;

    @Option(names = "--jit", paramLabel = "JIT",
            description = "JIT of every service JVM: c1 (C1 only) or tiered (the JVM's default, C1 then C2); "
                    + "default: ${DEFAULT-VALUE}. See docs/adr/0010-bench-warm-up-and-jit.md.")
    String jit = ServiceJvm.DEFAULT_JIT.cliName();

    @Option(names = "--tracing", description = "Trace every order (OpenTelemetry): each process sends its spans to a "
            + "receiver in this process. Compare CPU-seconds per order with a run without it to see what tracing costs.")
    boolean tracing;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the report goes (default: load-tests/target/bench/<date-time>).")
    Path out;

    @Mixin
    InfraOptionsMixin infra;

    @ArgGroup(exclusive = false, heading = "%nAn architecture deployed elsewhere (a Kubernetes cluster, docs/kubernetes.md): "
            + "the bench drives it instead of starting one; give its addresses as this machine reaches them (kubectl "
            + "port-forward), and one --arch%n")
    DeployedOptions deployed;

    /** The addresses of an architecture deployed elsewhere. */
    static final class DeployedOptions {

        @Option(names = "--edge", required = true, paramLabel = "URL",
                description = "Its public API, for example http://127.0.0.1:18080.")
        String edge;

        @Option(names = "--catalogue-admin", paramLabel = "URL",
                description = "The service that owns the catalogue (PUT /admin/catalogue): inventory-service for the "
                        + "distributed monolith and the event-driven system (default: the edge, as for the monolith).")
        String catalogueAdmin;

        @Option(names = "--simulators-admin", required = true, paramLabel = "URL",
                description = "The simulators' admin API (faults, ledgers, reset), for example http://127.0.0.1:18090.")
        String simulatorsAdmin;

        @Option(names = "--database", required = true, paramLabel = "NAME=HOST:PORT",
                description = "Where one of its databases is (repeat for each the audit reads: where its orders and its "
                        + "stock are), read-only, as --postgres-user with --postgres-password.")
        Map<String, String> databases = new LinkedHashMap<>();

        @Option(names = "--control-token-file", required = true, paramLabel = "FILE",
                description = "A file holding the control token it was started with (on Kubernetes: the Secret shoplab's "
                        + "key control-token).")
        Path controlTokenFile;

        @Option(names = "--kube-namespace", paramLabel = "NAMESPACE",
                description = "Its Kubernetes namespace: crash faults delete its pods through the API (the kubeconfig's "
                        + "current context). Without it, crash scenarios are skipped.")
        String kubeNamespace;
    }

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
        ServiceJvm.Jit chosenJit;
        try {
            chosenJit = ServiceJvm.Jit.parse(jit.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Duration warmUp = warmUpSeconds == null ? BenchPlan.defaultWarmUp(quick)
                : Duration.ofSeconds(warmUpSeconds);
        Path outDir = (out != null ? out : home.artifact("load-tests/target/bench")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        PrintWriter console = spec.commandLine().getOut();
        if (tracing && deployed != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tracing turns tracing on in the processes "
                    + "the bench starts, and with --edge it starts none: point the deployment's OTLP exporter at a "
                    + "collector of yours instead (docs/adr/0014-tracing-with-opentelemetry.md)");
        }
        Optional<Deployed> elsewhere = deployed == null ? Optional.empty() : Optional.of(deployed(chosen));
        requireWritable(outDir); // the last check: a refused command leaves no empty report folder
        // SIGTERM (or Ctrl-C) ends the JVM without unwinding the runs: stop what they started, say where results are
        Thread stopEarly = new Thread(() -> stopEarly(home, outDir, console), "shoplab-bench-stop");
        Runtime.getRuntime().addShutdownHook(stopEarly);
        Bench.Outcome outcome = Bench.run(home, new BenchPlan(chosen, chosenScenarios, quick, rate, warmUp, outDir,
                infra.toOptions(false), chosenJit, elsewhere, tracing), line -> {
                    console.println(line);
                    console.flush();
                });
        Runtime.getRuntime().removeShutdownHook(stopEarly);
        console.println();
        console.printf("bench finished in %s: %d run(s), %d failed to run, %d with audit violations%n",
                Report.minutesAndSeconds(outcome.took()), outcome.runs().size(),
                outcome.runs().stream().filter(r -> r.details().error() != null).count(),
                outcome.runs().stream().filter(r -> r.audit().total() > 0).count());
        console.println("summary: " + outDir.resolve("summary.md"));
        console.println("results: " + outDir.resolve("results.json"));
        console.println("report:  " + outcome.report());
        console.flush();
        return outcome.runs().stream().allMatch(r -> r.details().error() == null) ? 0 : 1;
    }

    /**
     * Creates the report's folder and writes in it once, before anything starts: a folder the bench cannot write
     * to is a mistake in the command, told at once, not after the servers started and the first run was measured.
     */
    private void requireWritable(Path outDir) {
        try {
            Files.createDirectories(outDir);
            Files.delete(Files.createTempFile(outDir, ".write-check", ""));
        } catch (IOException | UnsupportedOperationException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + outDir + ": the bench cannot write"
                    + " its report there (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a"
                    + " folder you can write to");
        }
    }

    /**
     * The bench was stopped before it ended: stops every process it started (the lab's servers and services, through
     * the pid ledger; the load generator and pgbench, its own children) and says where the finished runs are.
     */
    private static void stopEarly(LabHome home, Path outDir, PrintWriter console) {
        console.println();
        console.println("Stopping everything this bench started...");
        console.flush();
        ProcessLedger.refuseNewProcesses(); // a service still starting on another thread is not left behind
        List<OwnedProcess> stopped = new ProcessLedger(home.pidDir()).stopOwnedBySelf();
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        console.printf("Stopped (%d process(es)). The runs that finished are in %s%n", stopped.size(), outDir);
        console.flush();
    }

    /** The deployment the options name, checked as far as can be before the bench starts. */
    private Deployed deployed(List<Architecture> chosen) {
        if (chosen.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--edge drives one deployed architecture: "
                    + "name it with --arch (one of " + Architectures.names() + ")");
        }
        InfraOptions credentials = infra.toOptions(false);
        Map<String, PostgresEndpoint> servers = new LinkedHashMap<>();
        deployed.databases.forEach((name, hostPort) -> {
            if (!hostPort.matches("[^:/]+:\\d{1,5}")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--database " + name + "=" + hostPort
                        + ": give HOST:PORT, for example " + name + "=127.0.0.1:15432");
            }
            int colon = hostPort.lastIndexOf(':');
            servers.put(name, new PostgresEndpoint(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1)), credentials.externalUser(),
                    credentials.externalPassword()));
        });
        AuditQueries queries = chosen.get(0).auditQueries();
        for (String needed : List.of(queries.ordersDatabase(), queries.stockDatabase())) {
            if (!servers.containsKey(needed)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "The audit of the " + chosen.get(0).name()
                        + " reads database " + needed + ": add --database " + needed + "=HOST:PORT");
            }
        }
        ControlToken token;
        try {
            token = ControlToken.given(Files.readString(deployed.controlTokenFile));
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--control-token-file "
                    + deployed.controlTokenFile + ": " + e.getMessage());
        }
        return new Deployed(trim(deployed.edge), trim(deployed.catalogueAdmin == null ? deployed.edge
                : deployed.catalogueAdmin), trim(deployed.simulatorsAdmin), servers, token,
                Optional.ofNullable(deployed.kubeNamespace));
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private List<Architecture> chooseArchitectures() {
        try {
            return Architectures.chosen(architectures);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
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
