package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.loadtests.scenario.Scenario;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lab's own stage: PostgreSQL, Kafka and the simulators started once for the whole bench (by {@code --infra}),
 * and every run's architecture started anew on empty databases and an empty broker.
 */
final class LabStage implements Stage {

    private final InfraStack stack;

    private LabStage(InfraStack stack) {
        this.stack = stack;
    }

    /** Starts the servers, owned by {@code run} (the bench's). */
    static LabStage start(LabRun run, InfraOptions options) {
        return new LabStage(InfraStack.start(run, options));
    }

    @Override
    public String describe() {
        return "the lab's architectures on this machine (--infra " + stack.infrastructure().provider().cliName() + ")";
    }

    @Override
    public Optional<String> cannotRun(Architecture architecture, Scenario scenario) {
        return Optional.empty();
    }

    @Override
    public RunningArchitecture prepare(LabRun run, Architecture architecture) {
        PostgresEndpoint postgres = stack.infrastructure().postgres();
        for (String db : architecture.databases()) {
            postgres.dropDatabase(db);
            postgres.createDatabase(db);
        }
        if (architecture.needsKafka()) {
            stack.infrastructure().kafka().orElseThrow().deleteTopicsAndGroups();
        }
        stack.simulators().admin().send("POST", "/admin/reset", null, Duration.ofSeconds(10));
        return run.own(architecture.start(run, stack, FreePorts.pick()));
    }

    @Override
    public AdminApi simulators() {
        return stack.simulators().admin();
    }

    @Override
    public ControlToken token(LabRun run) {
        return run.controlToken();
    }

    @Override
    public PostgresEndpoint database(String database) {
        return stack.infrastructure().postgres();
    }

    @Override
    public Optional<Infrastructure> servers() {
        return Optional.of(stack.infrastructure());
    }

    /** Every process whose CPU and memory count as this architecture's: its own, and the servers it uses. */
    @Override
    public Map<String, Long> costRoots(RunningArchitecture running, Architecture architecture) {
        Map<String, Long> roots = new LinkedHashMap<>();
        running.processes().forEach((role, p) -> roots.put(role, p.pid()));
        stack.infrastructure().pids().forEach((role, pid) -> {
            if (!role.equals("kafka") || architecture.needsKafka()) {
                roots.put(role, pid);
            }
        });
        return roots;
    }

    @Override
    public String durability() {
        return stack.infrastructure().durability();
    }

    @Override
    public void close() {
        // the servers belong to the bench's run, which stops them
    }
}
