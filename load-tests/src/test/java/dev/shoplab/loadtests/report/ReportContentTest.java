package dev.shoplab.loadtests.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.infra.Durability;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.loadtests.measure.LoadStatistics;
import dev.shoplab.loadtests.measure.Percentiles;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.results.Ceiling;
import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.scenario.ScenarioCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report tells the truth about itself: what ran, what was not warm, what was not found, and how it was made. */
class ReportContentTest {

    @TempDir
    Path out;

    private static Scenario scenario(String name) {
        return ScenarioCatalogue.load(LabHome.locate().artifact("load-tests/scenarios")).stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static RunResult run(String architecture, String scenario, String variant, RunResult.WarmUp warmUp,
                                 List<RunResult.Step> steps, Double knee, String verdict,
                                 RunResult.Amplification amplification) {
        return run(architecture, scenario, new LoadStatistics.Counts(100, 100, 90, 10, 0, 0, 0, Map.of()), variant,
                warmUp, steps, knee, verdict, amplification);
    }

    private static RunResult run(String architecture, String scenario, LoadStatistics.Counts orders, String variant,
                                 RunResult.WarmUp warmUp, List<RunResult.Step> steps, Double knee, String verdict,
                                 RunResult.Amplification amplification) {
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("start", 6.5);
        phases.put("warm-up", 8.0);
        phases.put("load", 10.0);
        return new RunResult(architecture, scenario, 10, 10, orders,
                new Percentiles(5, 8, 9, 12), new Percentiles(6, 9, 10, 15), 9, 95, 0.95,
                new RunResult.Compensations(0, 0, 0), new RunResult.AuditCounts(0, 0, 0, 0, 0, 0, 0), null, 3.2, 400,
                new RunResult.Details(List.of(), List.of(), List.of(), List.of(), Map.of(), 1, 0, null, "logs", 0.5,
                        steps, knee, verdict, null, variant, phases, warmUp,
                        Map.of("order-service", new RunResult.ProcessCost(210.4, 180.2, 1.5)), amplification, null, 4.2, Map.of(),
                        0));
    }

    private static BenchPlan plan(List<Scenario> scenarios, boolean quick) {
        return new BenchPlan(List.of(), scenarios, quick, null, BenchPlan.defaultWarmUp(quick), Path.of("out"),
                InfraOptions.embedded(false, Durability.DURABLE));
    }

    @Test
    void a_run_that_was_not_warm_is_flagged_with_what_was_missing() {
        RunResult cold = run("event-driven", "baseline", null,
                new RunResult.WarmUp(9, 33, 32, true, false, "32 of the 250 orders"), null, null, null, null);
        String md = Summary.markdown(new Report.Inputs(List.of(cold), List.of(), plan(List.of(scenario("baseline")), true),
                "DURABLE", Duration.ofMinutes(1)), Report.settings(new Report.Inputs(List.of(cold), List.of(),
                plan(List.of(scenario("baseline")), true), "DURABLE", Duration.ofMinutes(1))));
        assertTrue(md.contains("**event-driven was not warm:** its warm-up ended after 9 s with 32 of the 250 orders"), md);
        assertTrue(md.contains("NOT WARM: 32 of the 250 orders"), md);
        assertTrue(md.contains("**A quick run**: shortened scenarios"), "a quick report says what it is for: " + md);
    }

    @Test
    void a_quick_report_states_the_timeline_it_ran() {
        Scenario flaky = scenario("psp-flaky");
        String timeline = Report.timeline(flaky, plan(List.of(flaky), true));
        assertTrue(timeline.startsWith("10 orders/s for 12 s; psp errorRate=0.3 from 2 s for 6 s"), timeline);
        assertTrue(timeline.contains("quick"), timeline);
        assertEquals("10 orders/s for 30 s; psp errorRate=0.3 from 5 s for 15 s",
                Report.timeline(flaky, plan(List.of(flaky), false)));
    }

    @Test
    void a_knee_not_found_says_so_and_a_found_one_is_set_against_its_ceilings() throws Exception {
        List<RunResult.Step> steps = List.of(new RunResult.Step(10, 60, 20, 0, true),
                new RunResult.Step(500, 3000, 30, 0, true));
        // the knee's step says how busy the machine was: it shares the cores the ceiling had to itself
        List<RunResult.Step> measured = List.of(new RunResult.Step(10, 60, 20, 0, true, 0.1, 0.05, 0.2),
                new RunResult.Step(50, 300, 30, 0, true, 1.41, 0.25, 1.93),
                new RunResult.Step(65, 390, 1300, 0, false, 1.5, 0.3, 1.98));
        RunResult top = run("monolith", "saturation", null, null, steps, 500.0, "ABOVE_TOP_STEP", null);
        RunResult found = run("distributed-monolith", "saturation", null, null, measured, 50.0, "FOUND", null);
        Ceiling monolith = new Ceiling("monolith", new Ceiling.Sql("pgbench", List.of(
                new Ceiling.SqlPart("monolith", "monolith/bench/order.pgbench", 800, 10)), 800), null, 800.0, List.of());
        Ceiling dm = new Ceiling("distributed-monolith", new Ceiling.Sql("pgbench", List.of(
                new Ceiling.SqlPart("dm_order", "distributed-monolith/bench/dm_order.pgbench", 500, 10)), 500), null,
                500.0, List.of("pgbench ran one script of four"));
        Report.Inputs inputs = new Report.Inputs(List.of(top, found), List.of(), plan(List.of(scenario("saturation")),
                false), "DURABLE", Duration.ofMinutes(1), List.of(monolith, dm), Map.of("runs", 60.0));
        String md = Summary.markdown(inputs, Report.settings(inputs));
        assertTrue(md.contains("not found: above the top step 500"), md);
        assertTrue(md.contains("| monolith | not found: above the top step 500 | 800 (monolith: 800) | — | 800 | — | — | — |"),
                "a knee not found is no fraction of its ceiling, nor has it a step to read the cores of: " + md);
        assertTrue(md.contains("| distributed-monolith | 50 | 500 (dm_order: 500) | — | 500 | 10 % | 10 % "
                + "| 1.93 (the architecture 1.41, the load generator 0.25) |"), md);
        assertTrue(md.contains("cores busy at the knee (of "), md);
        assertTrue(md.contains("| CPU ms per order by step within the SLO (the architecture's processes; orders/s: ms) "
                + "| — | 10: 10, 50: 28.20 |"), "the steps within the SLO, the architecture's cores ÷ the rate: " + md);
        assertTrue(md.contains("distributed-monolith: pgbench ran one script of four"), md);

        Path index = Report.write(out, inputs);
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(800, results.path("ceilings").get(0).path("sql").path("ordersPerSecond").asDouble());
        assertEquals("ABOVE_TOP_STEP", results.path("runs").get(0).path("details").path("kneeVerdict").asText());
        JsonNode kneeStep = results.path("runs").get(1).path("details").path("steps").get(1);
        assertEquals(1.93, kneeStep.path("machineCores").asDouble());
        assertEquals(1.41, kneeStep.path("architectureCores").asDouble());
        assertEquals(0.25, kneeStep.path("loadGeneratorCores").asDouble());
        assertTrue(Files.readString(index).contains("Knees and ceilings"));
    }

    @Test
    void what_a_figure_is_per_and_what_could_not_be_measured_is_said() {
        RunResult monolith = run("monolith", "psp-outage", null, null, null, null, null, null);
        RunResult.Details d = monolith.details();
        Map<String, RunResult.ProcessCost> processes = new LinkedHashMap<>();
        processes.put("monolith", new RunResult.ProcessCost(238, 230, 2.2));
        processes.put("postgres", new RunResult.ProcessCost(35, 61.6, 1.0));
        RunResult withPostgres = monolith.withDetails(new RunResult.Details(d.series(), d.faultWindows(),
                List.of("+  5.0 s  FAILED to apply psp down=true for 15 s: connection refused"), d.auditExamples(),
                d.meshTries(), d.gatlingCpuSeconds(), d.pollsPerOrder(), d.gatlingReport(), d.logs(),
                d.drainSeconds(), d.steps(), d.kneeRps(), d.kneeVerdict(), d.error(), d.variant(), d.phases(),
                d.warmUp(), processes, d.amplification(), d.kafka(),
                d.startCpuSeconds(), d.meshEjections(), 2));
        RunResult failed = RunResult.failed("event-driven", "psp-outage", "the architecture did not start");
        Report.Inputs inputs = new Report.Inputs(List.of(withPostgres, failed), List.of(),
                plan(List.of(scenario("psp-outage")), false), "DURABLE", Duration.ofMinutes(1));

        String md = Summary.markdown(inputs, Report.settings(inputs));

        assertTrue(md.contains("| CPU ms per submitted order (all processes) | 32 | — |"), md);
        assertTrue(md.contains("| CPU ms per submitted order by process | monolith 22, postgres 10 | — |"), md);
        assertTrue(md.contains("| CPU ms per concluded order (all processes) | 32 | — |"), md);
        assertTrue(md.contains("monolith 238, postgres 35 (all: 62 PSS) | — |"), "PostgreSQL's backends: " + md);
        assertTrue(md.contains("| compensations ok / failed | — (one local transaction) | — |"), md);
        assertTrue(md.contains("| audit (lost/stuck/stock/money/double/missing/dup mail) | 0/0/0/0/0/0/0 | — |"),
                "a run that failed has no audit of zeros: " + md);
        assertTrue(md.contains("**monolith: a fault did not go as planned** (the figures are not those of the timeline"
                + " above): `+  5.0 s  FAILED to apply psp down=true for 15 s: connection refused`"), md);
        assertTrue(md.contains("**event-driven failed to run:** the architecture did not start"), md);
        assertTrue(md.contains("| CPU-s to start (until ready) | 4.20 (2 JVMs without a class-data sharing archive: they"
                + " recorded one) | — |"), md);
    }

    @Test
    void amplification_is_shown_per_hop_and_end_to_end_next_to_the_prediction() {
        RunResult.Amplification a = new RunResult.Amplification("10 s while the fault was on", List.of(
                new RunResult.Hop("payment-service", 4, 50, 200, 4.0), new RunResult.Hop("psp-simulator", 4, 200, 800, 4.0)),
                16, 16.0);
        // outlier detection on: the destination ejected, the mesh answered most requests without a try
        RunResult shipped = run("distributed-monolith", "mesh-retry-storm", null, null, null, null, null,
                new RunResult.Amplification("w", List.of(new RunResult.Hop("payment-service", 4, 50, 60, 1.2),
                        new RunResult.Hop("psp-simulator", 4, 4, 3, 0.75)), 16, 0.9));
        RunResult off = run("distributed-monolith", "mesh-retry-storm", "outlier-detection-off", null, null, null, null, a);
        Report.Inputs inputs = new Report.Inputs(List.of(shipped, off), List.of(),
                plan(List.of(scenario("mesh-retry-storm")), false), "DURABLE", Duration.ofMinutes(1));
        String md = Summary.markdown(inputs, Report.settings(inputs));
        assertTrue(md.contains("| | distributed-monolith | distributed-monolith · outlier-detection-off |"), md);
        assertTrue(md.contains("| PSP tries per charge request: measured / predicted | 0.90 / 16 | 16 / 16 |"), md);
        assertTrue(md.contains("| psp-simulator | 4 | 200 | 800 | 4 |"), md);
        assertTrue(md.contains("| end to end | 16 predicted | | | 16 measured (the hops' product) |"), md);
        assertTrue(md.contains("| psp-simulator | 4 | 4 | 3 | 0.75 |\n| end to end | 16 predicted | | | 0.90 measured"
                + " (the hops' product) |\n\n" + Summary.FEWER_TRIES_NOTE), "a hop with fewer tries than requests is"
                + " explained: " + md);
        assertEquals(1, md.split(java.util.regex.Pattern.quote(Summary.FEWER_TRIES_NOTE), -1).length - 1,
                "only under the table that needs it: " + md);
        assertTrue(md.contains("*Mesh variant* `outlier-detection-off`"), md);
    }

    @Test
    void the_errors_say_what_the_orders_not_accepted_were_answered() throws Exception {
        // past its capacity the edge sheds (503 overloaded, ADR 0023); its database away answers 503
        // service-unavailable; a proxy's bare 503 is no problem; a JVM that died answers nothing
        RunResult overloaded = run("monolith", "saturation", new LoadStatistics.Counts(23000, 274, 270, 4, 0, 0,
                22726, Map.of("503 overloaded", 22700, "503 service-unavailable", 14, "no answer", 12)), null, null,
                null, null, null, null);
        RunResult crashed = run("event-driven", "saturation", new LoadStatistics.Counts(100, 97, 97, 0, 0, 0, 3,
                Map.of("no answer", 2, "503", 1)), null, null, null, null, null, null);
        RunResult clean = run("distributed-monolith", "saturation", null, null, null, null, null, null);
        Report.Inputs inputs = new Report.Inputs(List.of(overloaded, crashed, clean), List.of(),
                plan(List.of(scenario("saturation")), false), "DURABLE", Duration.ofMinutes(1));

        String md = Summary.markdown(inputs, Report.settings(inputs));
        assertTrue(md.contains("| errors (not accepted) | 22726 (no answer ×12, 503 overloaded ×22700, "
                + "503 service-unavailable ×14) | 3 (no answer ×2, 503 ×1) | 0 |"), md);

        Report.write(out, inputs);
        JsonNode orders = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("runs").get(0)
                .path("orders");
        assertEquals(22726, orders.path("errors").asInt(), "the existing figure stays");
        assertEquals("{\"no answer\":12,\"503 overloaded\":22700,\"503 service-unavailable\":14}",
                orders.path("errorsByAnswer").toString(), "by status, no answer first, then kind; summing to errors");
        assertEquals("{}", new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("runs").get(2)
                .path("orders").path("errorsByAnswer").toString(), "no errors, no answers");
    }

    @Test
    void the_settings_name_the_commit_and_the_jit_and_the_time_is_accounted_for() {
        RunResult r = run("monolith", "baseline", null, new RunResult.WarmUp(12, 300, 290, true, true, ""), null,
                null, null, null);
        Report.Inputs inputs = new Report.Inputs(List.of(r), List.of(), plan(List.of(scenario("baseline")), false),
                "DURABLE", Duration.ofMinutes(1), List.of(), Map.of("infrastructure start", 5.0));
        Map<String, Object> settings = Report.settings(inputs);
        assertTrue(String.valueOf(settings.get("commit")).matches("[0-9a-f]{7,}(-dirty)?|.*-g[0-9a-f]+(-dirty)?"),
                "git describe of the checkout: " + settings.get("commit"));
        assertTrue(String.valueOf(settings.get("jit")).startsWith("c1"), String.valueOf(settings.get("jit")));
        String md = Summary.markdown(inputs, settings);
        assertTrue(md.contains("| monolith · baseline | 6.50 | 8 | 10 | 24.50 |"), md);
        assertTrue(md.contains("Bench: infrastructure start 5 s."), md);
        assertTrue(md.contains("12 s, 290 orders, steady"), md);
        assertTrue(md.contains("order-service 210"), md);
    }

    @Test
    void a_subset_of_the_matrix_says_so_in_its_title_and_settings_and_no_rate_override_reads_none() {
        RunResult r = run("monolith", "baseline", null, null, null, null, null, null);
        BenchPlan subset = new BenchPlan(List.of(Architectures.byName("monolith").orElseThrow()),
                List.of(scenario("baseline")), false, null, BenchPlan.defaultWarmUp(false), Path.of("out"),
                InfraOptions.embedded(false, Durability.DURABLE));
        Report.Inputs inputs = new Report.Inputs(List.of(r), List.of(), subset, "DURABLE", Duration.ofMinutes(1));

        String md = Summary.markdown(inputs, Report.settings(inputs));

        assertTrue(md.startsWith("# shoplab bench — full run of monolith × baseline\n"), md);
        assertTrue(md.contains("| matrix | monolith × baseline |"), md);
        assertTrue(md.contains("| rateOverride | none |"), md);
        assertEquals("3 architectures × 10 scenarios", Report.matrix(new BenchPlan(Architectures.all(),
                ScenarioCatalogue.load(LabHome.locate().artifact("load-tests/scenarios")), false, null,
                BenchPlan.defaultWarmUp(false), Path.of("out"), InfraOptions.embedded(false, Durability.DURABLE))));
    }

    @Test
    void the_time_table_names_a_run_as_the_console_does_and_marks_a_start_and_stop_that_recorded_archives() {
        RunResult plain = run("monolith", "baseline", null, null, null, null, null, null);
        RunResult storm = run("distributed-monolith", "mesh-retry-storm", "outlier-detection-off", null, null, null,
                null, null);
        RunResult.Details d = storm.details();
        Map<String, Double> phases = new LinkedHashMap<>(d.phases());
        phases.put("stop", 31.0);
        RunResult recording = storm.withDetails(new RunResult.Details(d.series(), d.faultWindows(), d.events(),
                d.auditExamples(), d.meshTries(), d.gatlingCpuSeconds(), d.pollsPerOrder(), d.gatlingReport(), d.logs(),
                d.drainSeconds(), d.steps(), d.kneeRps(), d.kneeVerdict(), d.error(), d.variant(), phases, d.warmUp(),
                d.processes(), d.amplification(), d.kafka(), d.startCpuSeconds(), d.meshEjections(), 5));
        Report.Inputs inputs = new Report.Inputs(List.of(plain, recording), List.of(),
                plan(List.of(scenario("baseline"), scenario("mesh-retry-storm")), false), "DURABLE", Duration.ofMinutes(1));

        String md = Summary.markdown(inputs, Report.settings(inputs));

        assertTrue(md.contains("| monolith · baseline | 6.50 | 8 | 10 |  | 24.50 |"), md);
        assertTrue(md.contains("| distributed-monolith · mesh-retry-storm · outlier-detection-off | 6.50 ‡ | 8 | 10 | 31 ‡ |"
                + " 55.50 |"), md);
        assertTrue(md.contains(Summary.RECORDING_NOTE), md);
    }

    @Test
    void charts_draw_straight_segments_between_seconds() throws Exception {
        Report.write(out, new Report.Inputs(List.of(), List.of(), plan(List.of(scenario("baseline")), false),
                "DURABLE", Duration.ofMinutes(1)));
        String page = Files.readString(out.resolve("index.html"));
        assertTrue(page.contains("tension: 0,"), "no smoothing curve between per-second points");
        assertFalse(page.contains("tension: 0.2"));
        assertFalse(page.contains("/*CEILING_NOTE*/") || page.contains("/*GATLING_NOTE*/")
                || page.contains("/*QUICK_NOTE*/") || page.contains("/*RECORDING_NOTE*/")
                || page.contains("/*FEWER_TRIES_NOTE*/"), "every placeholder filled");
    }
}
