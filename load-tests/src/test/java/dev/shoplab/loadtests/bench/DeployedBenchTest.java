package dev.shoplab.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.Durability;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.scenario.ScenarioCatalogue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's path for an architecture deployed elsewhere, run against the lab's own monolith started beside it as
 * if it were a cluster's: the bench gets only addresses (edge, simulators' admin, the database) and the control
 * token, starts nothing, plays the provider fault through the simulators' admin API, and audits each run on its own
 * although the databases keep the orders of the runs before; what it cannot play there is skipped with the reason.
 */
class DeployedBenchTest {

    @TempDir
    Path out;

    private static long ordersIn(PostgresEndpoint postgres, Architecture architecture) throws Exception {
        AuditQueries queries = architecture.auditQueries();
        try (Connection c = postgres.connect(queries.ordersDatabase()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from (" + queries.ordersSql() + ") o")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void says_why_a_scenario_cannot_be_played_on_a_deployment_elsewhere() throws Exception {
        List<Scenario> catalogue = ScenarioCatalogue.load(LabHome.locate().artifact("load-tests/scenarios"));
        Architecture monolith = Architectures.byName("monolith").orElseThrow();
        DeployedStage stage = new DeployedStage(new Deployed("http://127.0.0.1:1", "http://127.0.0.1:1",
                "http://127.0.0.1:1", Map.of(), ControlToken.given("t"), Optional.empty()));

        assertThat(stage.cannotRun(monolith, scenario(catalogue, "baseline"))).isEmpty();
        assertThat(stage.cannotRun(monolith, scenario(catalogue, "psp-outage"))).isEmpty();
        assertThat(stage.cannotRun(monolith, scenario(catalogue, "service-crash"))).get().asString()
                .contains("--kube-namespace");
        assertThat(stage.cannotRun(monolith, scenario(catalogue, "db-restart"))).get().asString()
                .contains("the lab's own PostgreSQL");
    }

    private static Scenario scenario(List<Scenario> catalogue, String name) {
        return catalogue.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void drives_an_architecture_running_elsewhere_by_its_addresses_and_audits_each_run_on_its_own() throws Exception {
        LabHome home = LabHome.locate();
        Architecture monolith = Architectures.byName("monolith").orElseThrow();
        List<Scenario> catalogue = ScenarioCatalogue.load(home.artifact("load-tests/scenarios"));
        List<Scenario> scenarios = catalogue.stream().filter(s -> List.of("baseline", "psp-flaky").contains(s.name()))
                .toList();

        try (LabRun elsewhere = LabRun.open(home, "test-deployed-monolith")) {
            InfraStack stack = InfraStack.start(elsewhere, InfraOptions.embedded(false, Durability.RELAXED));
            monolith.databases().forEach(stack.infrastructure().postgres()::createDatabase);
            RunningArchitecture running = elsewhere.own(monolith.start(elsewhere, stack, FreePorts.pick()));
            Deployed deployed = new Deployed(running.edgeUrl(), running.catalogueAdminUrl(),
                    stack.simulators().adminUrl(), Map.of("monolith", stack.infrastructure().postgres()),
                    ControlToken.given(elsewhere.controlToken().value()), Optional.empty());

            Bench.Outcome outcome = Bench.run(home, new BenchPlan(List.of(monolith), scenarios, true, 10.0,
                    BenchPlan.defaultWarmUp(true), out, InfraOptions.embedded(false, Durability.RELAXED),
                    Optional.of(deployed)), System.out::println);

            assertThat(outcome.runs()).extracting(RunResult::scenario).containsExactly("baseline", "psp-flaky");
            assertThat(ordersIn(stack.infrastructure().postgres(), monolith)).as("the second run's audit had the first "
                    + "run's orders to leave out").isGreaterThan(outcome.runs().get(1).orders().accepted());
            for (RunResult run : outcome.runs()) {
                assertThat(run.details().error()).as(run.scenario()).isNull();
                assertThat(run.orders().submitted()).as(run.scenario()).isGreaterThan(50);
                assertThat(run.orders().confirmed()).as(run.scenario()).isPositive();
                // Had the audit counted the earlier run's orders, the second run would find their stock sold, their
                // mails and charges absent from the reset ledgers: oversold skus, missing notifications, money
                // mismatches of CONFIRMED orders. A FAILED order whose charge was captured after the monolith gave up
                // is refunded by its late-capture check (every second, within 2 min): on a starved machine that can
                // land after the drain, which is the monolith's own behaviour, not this path's.
                RunResult.AuditCounts audit = run.audit();
                assertThat(List.of(audit.lostOrders(), audit.stuckOrders(), audit.oversoldSkus(), audit.doubleCharges(),
                        audit.missingNotifications(), audit.duplicateNotifications()))
                        .as("%s's audit, of its own orders only: %s", run.scenario(), run.details().auditExamples())
                        .containsOnly(0);
                assertThat(run.details().auditExamples()).filteredOn(e -> e.startsWith("money"))
                        .allSatisfy(e -> assertThat(e).contains(" FAILED total "));
                assertThat(run.cpuSeconds()).as("nothing of it runs here to measure").isZero();
            }
            assertThat(outcome.runs().get(1).details().events()).as("the PSP fault, through the simulators' admin API")
                    .anySatisfy(e -> assertThat(e).contains("on:  PSP 30 % errors"));
            assertThat(outcome.runs().get(1).pspRequests()).isGreaterThan(outcome.runs().get(1).orders().confirmed());
            JsonNode settings = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("settings");
            assertThat(settings.path("infra").asText()).isEqualTo("deployed");
            assertThat(settings.path("deployedEdge").asText()).isEqualTo(running.edgeUrl());
            assertThat(running.processes().values()).as("the bench stopped nothing of it")
                    .allSatisfy(p -> assertThat(p.isAlive()).isTrue());
        }
    }
}
