package dev.shoplab.lab.cli;

import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.control.LabControl;
import dev.shoplab.lab.control.RunningLab;
import dev.shoplab.lab.seed.CatalogueAdmin;
import dev.shoplab.lab.seed.CatalogueSeed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shoplab up <architecture>}: the infrastructure plus one architecture, seeded, in the foreground. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the infrastructure and one architecture, seed its catalogue, and print its edge URL.",
                "Stays in the foreground; Ctrl-C stops everything it started."})
final class UpCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ARCHITECTURE",
            description = "monolith, distributed-monolith or event-driven")
    String architecture;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port of the public API on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    InfraOptionsMixin infra;

    @Mixin
    TracingOptionsMixin tracing;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Architecture arch = Architectures.byName(architecture).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "Unknown architecture '" + architecture + "': use one of " + Architectures.names()));
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 1..65535, not " + port);
        }
        tracing.check(spec.commandLine());
        Map<String, String> description = new LinkedHashMap<>(Map.of("command", "up " + arch.name()));
        Optional<String> busy = PortsInUse.claim(LabHome.locate(), List.of(port), "another with --port", description);
        if (busy.isPresent()) {
            // not a usage error: the arguments are right, the machine is busy; say so without the usage text
            spec.commandLine().getErr().println("shoplab up: " + busy.get());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        OtherLabCommands.warning(LabHome.locate(), "this one").ifPresent(out::println);
        LabRun run = LabRun.open(LabHome.locate(), "up-" + arch.name());
        Foreground.stopOnExit(run, out);
        tracing.applyTo(run);
        description.put("logs", run.dir().toString());
        run.ledger().describeOwner(description);
        out.println("Starting the infrastructure, then the " + arch.name() + " architecture... logs: " + run.dir());
        out.flush();
        Instant started = Instant.now();
        InfraStack stack = InfraStack.start(run, infra.toOptions(arch.needsKafka()));
        arch.databases().forEach(stack.infrastructure().postgres()::createDatabase);
        out.printf("  infrastructure ready after %.1f s; starting %s%n",
                Duration.between(started, Instant.now()).toMillis() / 1000.0, arch.name());
        out.flush();
        RunningArchitecture running = run.own(arch.start(run, stack, port));
        CatalogueAdmin.apply(new AdminApi(running.catalogueAdminUrl(), run.controlToken()), CatalogueSeed.standard());
        description.put("edge", running.edgeUrl());
        Optional<LabControl.Served> control = LabControl.serveIfAvailable(new RunningLab("up " + arch.name(), run, stack,
                List.of(new RunningLab.Started(arch, running)), CatalogueSeed.standard(), line -> {
                    out.println(line);
                    out.flush();
                }));
        control.ifPresent(served -> description.put("control", served.url()));
        run.ledger().describeOwner(description);

        out.printf("%n%s ready in %.1f s (catalogue seeded: %d skus, %s sold out)%n%n", arch.name(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0, CatalogueSeed.SKUS,
                CatalogueSeed.SOLD_OUT_SKU);
        Map<String, String> rows = new LinkedHashMap<>(stack.endpoints());
        running.processes().forEach((role, process) -> rows.put(role, "pid " + process.pid() + ", log "
                + process.log().getFileName()));
        Foreground.printTable(out, rows);
        out.println();
        out.println("logs: " + run.dir());
        out.println("edge: " + running.edgeUrl());
        out.println(TracingOptionsMixin.describe(run));
        running.meshAdminUrl().ifPresent(mesh -> out.println("mesh admin: " + mesh
                + " (GET /metrics, PUT /admin/policies/<host>)"));
        control.ifPresent(served -> out.println("control: " + served.url() + " (from another terminal: ./shoplab load,"
                + " fault, stats, audit; docs/control-api.md)"));
        Path token = run.home().stateDir().resolve(ControlToken.FILE);
        out.println("control token: " + token + " (every /admin call: -H \"Authorization: Bearer $(cat " + token + ")\")");
        out.println("Try:  curl -s -XPOST " + running.edgeUrl() + "/api/orders -H 'Content-Type: application/json' "
                + "-d '{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-0001\",\"quantity\":2}],"
                + "\"paymentToken\":\"tok_ok\"}'");
        out.println("Press Ctrl-C to stop everything.");
        out.flush();
        Foreground.watchUntilExit(run, out);
        return 0;
    }
}
