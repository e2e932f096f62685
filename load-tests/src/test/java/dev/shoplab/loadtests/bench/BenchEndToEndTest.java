package dev.shoplab.loadtests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.infra.Durability;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.process.ServiceJvm;
import dev.shoplab.loadtests.ceiling.Pgbench;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.scenario.ScenarioCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One short bench end to end — the monolith, the baseline scenario and a two-step saturation ramp, quick, with its
 * warm-up, traced (--tracing: the monolith's spans must reach the bench's receiver) — with real processes: PostgreSQL,
 * the simulators, the monolith, Gatling and pgbench. Its results.json must
 * have docs/DESIGN.md's shape and figures that add up, its audit (warm-up orders included) must be clean, and the
 * monolith's ceiling must be measured with its pgbench script on the real schema (or, where pgbench is missing, the
 * report must say so).
 */
class BenchEndToEndTest {

    @TempDir
    Path out;

    @TempDir
    Path scenarios;

    /** Two steps of 3 s (5 and 10 orders/s, scaled by the test's rate), so that the ceiling is measured after them. */
    private static final String RAMP = """
            title: Short ramp
            description: Two steps of 3 s, for the end-to-end test.
            lookFor: The knee, and the ceiling measured after the ramp.
            load: {steps: [5, 10], stepSeconds: 3}
            quick: {stepSeconds: 3}
            slo: {outcomeP99Ms: 1000, stopAfterBrokenSteps: 2}
            """;

    @Test
    void a_short_bench_writes_a_report_whose_figures_add_up() throws Exception {
        Instant testStarted = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LabHome home = LabHome.locate();
        Scenario baseline = ScenarioCatalogue.load(home.artifact("load-tests/scenarios")).stream()
                .filter(s -> s.name().equals("baseline")).findFirst().orElseThrow();
        Files.writeString(scenarios.resolve("ramp.yaml"), RAMP);
        Scenario ramp = ScenarioCatalogue.read(scenarios.resolve("ramp.yaml"));
        // traced (--tracing), so that the architecture's spans are seen to reach the bench's receiver
        List<String> console = new CopyOnWriteArrayList<>();
        Bench.Outcome outcome = Bench.run(home, new BenchPlan(List.of(Architectures.byName("monolith").orElseThrow()),
                List.of(baseline, ramp), true, 15.0, BenchPlan.defaultWarmUp(true), out,
                InfraOptions.embedded(false, Durability.RELAXED), ServiceJvm.DEFAULT_JIT, Optional.empty(), true),
                line -> {
                    System.out.println(line);
                    console.add(line);
                });
        String baselineDone = console.stream().filter(l -> l.contains("monolith · baseline") && l.contains("done:"))
                .findFirst().orElseThrow(() -> new AssertionError("no 'done:' line for the baseline: " + console));
        Matcher traced = Pattern.compile("traced: (\\d+) spans received").matcher(baselineDone);
        assertTrue(traced.find() && Long.parseLong(traced.group(1)) > 0,
                "the monolith traced its orders and the bench received its spans: " + baselineDone);

        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("Baseline") && summary.contains("Where the time went"), summary);
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(2, results.path("runs").size());
        assertRamp(results.path("runs").get(1), results.path("ceilings"));
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
        // the charts by second hold every order the tables count, from second 0 (the first order's arrival)
        JsonNode series = run.path("details").path("series");
        int charted = 0;
        for (JsonNode second : series) {
            charted += second.path("offered").asInt();
        }
        assertEquals(submitted, charted, "the series by second adds up to the orders submitted: " + series);
        assertEquals(0, series.get(0).path("second").asInt(), "the first order arrived in second 0");
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
        JsonNode phases = run.path("details").path("phases");
        for (String phase : List.of("reset", "start", "seed", "warm-up", "load", "drain", "audit", "stop")) {
            assertTrue(phases.has(phase), "the run's time is accounted for, phase " + phase + ": " + phases);
        }
        assertTrue(run.path("details").path("processes").path("monolith").path("rssMb").asDouble() > 50,
                "the monolith's peak RSS: " + run.path("details").path("processes"));
        assertFalse(results.path("settings").path("commit").asText().isBlank());
    }

    /** The ramp's knee has a verdict, and the monolith's ceiling was measured with its script, or said missing. */
    private static void assertRamp(JsonNode ramp, JsonNode ceilings) {
        assertTrue(List.of("FOUND", "ABOVE_TOP_STEP", "BELOW_FIRST_STEP").contains(
                ramp.path("details").path("kneeVerdict").asText()), "the knee's verdict: " + ramp.path("details"));
        assertEquals(1, ceilings.size(), "one ceiling, measured after the ramp: " + ceilings);
        JsonNode ceiling = ceilings.get(0);
        assertEquals("monolith", ceiling.path("architecture").asText());
        if (Pgbench.find().isPresent()) {
            JsonNode part = ceiling.path("sql").path("parts").get(0);
            assertEquals("monolith", part.path("database").asText(), "the script's header names its database");
            assertTrue(part.path("scriptsPerSecond").asDouble() > 0,
                    "pgbench ran the monolith's SQL of one order on its real schema: " + ceiling);
            assertEquals(part.path("scriptsPerSecond").asDouble(), ceiling.path("ordersPerSecond").asDouble(), 0.1,
                    "one part: the ceiling is the part's rate");
        } else {
            assertTrue(ceiling.path("notes").toString().contains("pgbench was not found"),
                    "without pgbench the report says so: " + ceiling);
        }
    }
}
