package dev.shoplab.loadtests.cli;

import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.cli.OtherLabCommands;
import dev.shoplab.lab.cli.PortsInUse;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.cli.CommandContribution;
import dev.shoplab.lab.cli.Foreground;
import dev.shoplab.lab.cli.InfraOptionsMixin;
import dev.shoplab.lab.cli.TracingOptionsMixin;
import dev.shoplab.lab.control.LabControl;
import dev.shoplab.lab.control.RunningLab;
import dev.shoplab.lab.seed.CatalogueAdmin;
import dev.shoplab.lab.seed.CatalogueSeed;
import dev.shoplab.loadtests.control.LiveLabControl;
import dev.shoplab.loadtests.live.LiveLoad;
import dev.shoplab.loadtests.load.WarmUp;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shoplab demo}: the infrastructure once, the architectures side by side (each its own edge and databases,
 * one pair of provider simulators for all, so one PSP fault hits all at the same moment), and the live page that
 * drives and shows them. Stays in the foreground; Ctrl-C (or SIGTERM) stops everything it started.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the infrastructure and, by default, all three architectures side by side, and serve the"
                + " live demo page: load, faults and scenarios at a click, live charts per architecture, business"
                + " damage, events, one order's trace.",
                "Stays in the foreground; Ctrl-C stops everything it started. The same control API answers"
                        + " './shoplab load|fault|stats|audit' from another terminal."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--arch", split = ",", paramLabel = "ARCH",
            description = "Architectures to run side by side (default: all): monolith, distributed-monolith, event-driven.")
    List<String> architectures = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000",
            description = "Port of the page (and the control API) on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--edge-port", paramLabel = "N", defaultValue = "8080",
            description = "Port of the first architecture's public API; the next ones take the ports after it "
                    + "(default: ${DEFAULT-VALUE}, 8081, 8082).")
    int edgePort;

    @Option(names = "--warm-up", paramLabel = "S", defaultValue = "12", converter = Seconds.class,
            description = "Seconds (12, 12s or 1m) at most to warm each architecture up before the page is ready"
                    + " (then the orders in flight end): " + WarmUp.CLIENTS + " clients place orders in a closed loop until throughput is"
                    + " steady, as the bench does (ADR 0010, ADR 0021); their orders are real orders. 0 starts them"
                    + " cold: the first minute of load then meets JVMs still compiling, and the mesh may eject a"
                    + " distributed-monolith service whose tries run past 5 s (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Mixin
    InfraOptionsMixin infra;

    @Mixin
    TracingOptionsMixin tracing;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Architecture> chosen = choose();
        Map<Architecture, Integer> edges = new LinkedHashMap<>();
        for (int i = 0; i < chosen.size(); i++) {
            edges.put(chosen.get(i), edgePort + i);
        }
        List<Integer> ports = new ArrayList<>(List.of(port));
        ports.addAll(edges.values());
        for (int p : ports) {
            if (p < 1 || p > 65535) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Ports must be 1..65535, not " + p);
            }
        }
        if (warmUpSeconds < 0 || warmUpSeconds > 300) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--warm-up must be between 0 and 300 seconds (0: no warm-up), not " + warmUpSeconds);
        }
        tracing.check(spec.commandLine());
        Map<String, String> description = new LinkedHashMap<>(Map.of("command", "demo"));
        Optional<String> busy = PortsInUse.claim(LabHome.locate(), ports, "others with --port and --edge-port",
                description);
        if (busy.isPresent()) {
            spec.commandLine().getErr().println("shoplab demo: " + busy.get());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        OtherLabCommands.warning(LabHome.locate(), "this demo").ifPresent(out::println);
        LabRun run = LabRun.open(LabHome.locate(), "demo");
        Foreground.stopOnExit(run, out);
        tracing.applyTo(run); // before anything starts: every process of the demo traces (or none does)
        description.put("logs", run.dir().toString());
        run.ledger().describeOwner(description);
        out.println("Starting the infrastructure and " + String.join(", ", chosen.stream().map(Architecture::name)
                .toList()) + " side by side... logs: " + run.dir());
        out.flush();
        Instant started = Instant.now();
        boolean kafka = chosen.stream().anyMatch(Architecture::needsKafka);
        InfraStack stack = InfraStack.start(run, infra.toOptions(kafka));
        out.printf("  infrastructure ready after %.1f s; starting the architectures%n", seconds(started));
        out.flush();
        CatalogueSeed seed = CatalogueSeed.standard();
        List<RunningLab.Started> running = startSideBySide(run, stack, edges, seed,
                Duration.ofSeconds(warmUpSeconds), out);
        LabControl.Served page = run.own(LiveLabControl.open(new RunningLab("demo", run, stack, running, seed, line -> {
            out.println(line);
            out.flush();
        }), port));
        description.put("page", page.url());
        description.put("control", page.url());
        run.ledger().describeOwner(description);

        out.printf("%nshoplab demo ready in %.1f s%n%n", seconds(started));
        Map<String, String> rows = new LinkedHashMap<>(stack.endpoints());
        running.forEach(r -> rows.put(r.name(), r.running().edgeUrl()));
        Foreground.printTable(out, rows);
        out.println();
        out.println("logs: " + run.dir());
        out.println(TracingOptionsMixin.describe(run));
        out.println("page: " + page.url() + "/#token=" + run.controlToken().value());
        out.println("      (the link carries the lab's control token; the page keeps it for this tab only)");
        out.println("From another terminal: ./shoplab load --rate 5, ./shoplab fault psp --down --for 20, "
                + "./shoplab stats, ./shoplab audit");
        out.println("Press Ctrl-C to stop everything.");
        out.flush();
        Foreground.watchUntilExit(run, out);
        return 0;
    }

    /**
     * Starts the architectures one after the other (each starts its own processes side by side), seeds each and warms
     * it up ({@link #warmUp}). On two cores a dozen JVMs starting at once only take longer each, past their readiness
     * bounds when the machine is busy.
     */
    private static List<RunningLab.Started> startSideBySide(LabRun run, InfraStack stack,
                                                            Map<Architecture, Integer> edges, CatalogueSeed seed,
                                                            Duration warmUp, PrintWriter out) {
        List<RunningLab.Started> running = new ArrayList<>();
        edges.forEach((arch, edge) -> {
            Instant t0 = Instant.now();
            arch.databases().forEach(stack.infrastructure().postgres()::createDatabase);
            RunningArchitecture r = run.own(arch.start(run, stack, edge));
            CatalogueAdmin.apply(new AdminApi(r.catalogueAdminUrl(), run.controlToken()), seed);
            out.printf("  %s ready in %.1f s%s: %s%n", arch.name(), seconds(t0), warmUp(r, warmUp), r.edgeUrl());
            out.flush();
            running.add(new RunningLab.Started(arch, r));
        });
        return running;
    }

    /**
     * Warms a freshly started architecture up with the bench's warm-up ({@link WarmUp}, a closed loop that never
     * floods a cold process), so that the first load a speaker or a lab sets meets compiled code: started cold, three
     * architectures' JVMs compiling at once on two cores answered in seconds, and the mesh's outlier detection ejected
     * distributed-monolith services whose tries ran past their 5 s, for 30 s and more, before any fault. Returns what
     * it did, for the ready line.
     */
    private static String warmUp(RunningArchitecture running, Duration most) {
        if (most.isZero()) {
            return ", cold (--warm-up 0)";
        }
        WarmUp.Result warm = WarmUp.run(running.edgeUrl(), WarmUp.CLIENTS, most.dividedBy(3), most, LiveLoad.SKU_COUNT);
        // the bench's criteria (ADR 0010) are not this warm-up's: it needs compiled per-order paths, not a measurement
        return String.format(Locale.ROOT, ", warmed up with %d orders in %.0f s", warm.acknowledged().size(),
                warm.took().toMillis() / 1e3);
    }

    private List<Architecture> choose() {
        try {
            return Architectures.chosen(architectures);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    /** Registers {@code demo} with {@code ./shoplab}. */
    public static final class Contribution implements CommandContribution {
        @Override
        public Object command() {
            return new DemoCommand();
        }
    }
}
