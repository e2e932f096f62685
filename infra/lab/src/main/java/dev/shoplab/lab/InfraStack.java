package dev.shoplab.lab;

import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.lab.simulators.ProviderSimulators;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What every architecture stands on: PostgreSQL, Kafka (when asked for) and the provider simulators,
 * started side by side for one run and owned by it.
 */
public record InfraStack(Infrastructure infrastructure, ProviderSimulators simulators) {

    /** Starts the servers and the simulators in parallel; on failure stops what did start and rethrows. */
    public static InfraStack start(LabRun run, InfraOptions options) {
        CompletableFuture<ProviderSimulators> simulators = CompletableFuture.supplyAsync(
                () -> ProviderSimulators.start(run));
        Infrastructure infrastructure;
        try {
            infrastructure = run.own(Infrastructure.start(options, run.dir(), run.ledger()));
        } catch (RuntimeException e) {
            simulators.thenAccept(ProviderSimulators::close);
            throw e;
        }
        try {
            return new InfraStack(infrastructure, run.own(simulators.join()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** PIDs of every local process of the stack, by role. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>(infrastructure.pids());
        pids.put("simulators", simulators.pid());
        return pids;
    }

    /** The endpoint table printed by the CLI: one row per server, in start order. */
    public Map<String, String> endpoints() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("postgresql", infrastructure.postgres().jdbcUrl("postgres") + "  (user "
                + infrastructure.postgres().user() + ", " + infrastructure.durability() + ")");
        infrastructure.kafka().ifPresent(k -> rows.put("kafka", k.bootstrapServers()));
        rows.put("psp", simulators.pspUrl() + "/psp/charges");
        rows.put("mail", simulators.mailUrl() + "/mail/messages");
        rows.put("faults+ledgers", simulators.adminUrl() + "/admin  (Authorization: Bearer $(cat .shoplab/control-token))");
        return rows;
    }
}
