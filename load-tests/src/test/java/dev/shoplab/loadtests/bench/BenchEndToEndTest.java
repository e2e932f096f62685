package dev.shoplab.loadtests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.infra.Durability;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.scenario.ScenarioCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One short bench end to end — the monolith, the baseline scenario, quick, with its warm-up — with real
 * processes: PostgreSQL, the simulators, the monolith and Gatling. Its results.json must have docs/DESIGN.md's
 * shape and figures that add up, and its audit (warm-up orders included) must be clean.
 */
class BenchEndToEndTest {

    @TempDir
    Path out;

    @Test
    void a_short_bench_writes_a_report_whose_figures_add_up() throws Exception {
        Instant testStarted = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LabHome home = LabHome.locate();
        Scenario baseline = ScenarioCatalogue.load(home.artifact("load-tests/scenarios")).stream()
                .filter(s -> s.name().equals("baseline")).findFirst().orElseThrow();
        Bench.Outcome outcome = Bench.run(home, new BenchPlan(List.of(Architectures.byName("monolith").orElseThrow()),
                List.of(baseline), true, 15.0, BenchPlan.defaultWarmUp(true), out,
                InfraOptions.embedded(false, Durability.RELAXED)),
                System.out::println);

        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        assertTrue(Files.readString(out.resolve("summary.md")).contains("Baseline"));
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(1, results.path("runs").size());
        JsonNode run = results.path("runs").get(0);
        assertNull(outcome.runs().get(0).details().error(), "the run failed: " + outcome.runs().get(0).details().error());
        assertEquals("monolith", run.path("architecture").asText());
        assertEquals("baseline", run.path("scenario").asText());
        for (String field : List.of("offeredRps", "durationSeconds", "throughputRps", "pspRequests", "retryAmplification",
                "cpuSeconds", "peakRssMb")) {
            assertTrue(run.has(field), "results.json lacks " + field);
        }
        JsonNode orders = run.path("orders");
        int submitted = orders.path("submitted").asInt();
        assertTrue(submitted > 50, "10 orders/s for the quick baseline should submit well over 50 orders, got " + submitted);
        assertEquals(submitted, orders.path("accepted").asInt() + orders.path("errors").asInt());
        assertEquals(orders.path("accepted").asInt(), orders.path("confirmed").asInt() + orders.path("rejected").asInt()
                + orders.path("failed").asInt() + orders.path("pending").asInt());
        assertTrue(orders.path("confirmed").asInt() > 0);
        assertTrue(orders.path("rejected").asInt() > 0, "the mix declines 5 % and sells out 5 %");
        assertTrue(run.path("outcomeLatencyMs").path("p99").asDouble() >= run.path("outcomeLatencyMs").path("p50").asDouble());
        assertTrue(run.path("pspRequests").asLong() > 0);
        run.path("audit").fields().forEachRemaining(e -> assertEquals(0, e.getValue().asInt(),
                "audit " + e.getKey() + " must be zero for the monolith's baseline: " + run.path("details")
                        .path("auditExamples")));
        assertTrue(run.path("cpuSeconds").asDouble() > 0 && run.path("peakRssMb").asDouble() > 0);
        assertTrue(Files.isRegularFile(out.resolve("runs/monolith-baseline/orders.csv")));
        assertEquals(BenchPlan.defaultWarmUp(true).toSeconds(), results.path("settings").path("warmUpSeconds").asLong());
        Instant benchStarted = OffsetDateTime.parse(results.path("settings").path("started").asText()).toInstant();
        assertTrue(!benchStarted.isBefore(testStarted) && benchStarted.isBefore(testStarted.plusSeconds(60)),
                "settings.started is when the bench started: " + benchStarted + ", the test started at " + testStarted);
        assertTrue(orders.path("failed").asInt() == 0 && orders.path("errors").asInt() == 0,
                "a warm monolith at 10 orders/s with no fault fails nothing: " + orders);
    }
}
