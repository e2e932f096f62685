package dev.shoplab.loadtests.report;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.infra.Durability;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.loadtests.browser.HeadlessChromium;
import dev.shoplab.loadtests.measure.LoadStatistics;
import dev.shoplab.loadtests.measure.Percentiles;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.results.Ceiling;
import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.scenario.ScenarioCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The bench's {@code index.html} as an architect opens it — in a real browser (Debian's chromium, headless), from
 * the file the bench wrote: its script runs without an error, and it tells the same truths about itself as
 * {@code summary.md} ({@link ReportContentTest}): a fault that could not be applied, a run that failed, a knee not
 * found, what the monolith has instead of compensations.
 */
class ReportPageTest {

    @TempDir
    Path out;

    @Test
    void the_page_renders_every_section_and_says_what_could_not_be_measured() throws Exception {
        Path page = Report.write(out, inputs());
        WebDriver browser = HeadlessChromium.start(out);
        try {
            browser.get(page.toUri().toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.cssSelector("#overview table"))
                    .isEmpty());

            List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
            assertEquals(List.of(), errors, "the page's script ran without an error");

            String warnings = browser.findElement(By.id("warnings")).getText();
            assertTrue(warnings.contains("Faults that did not go as planned"), warnings);
            assertTrue(warnings.contains("monolith · psp-outage: + 5.0 s FAILED to apply psp down=true"), warnings);

            WebElement outage = browser.findElement(By.id("psp-outage"));
            assertEquals("— (one local transaction)", cell(outage, "compensations ok / failed", 1));
            assertEquals("—", cell(outage, "compensations ok / failed", 2), "a run that failed has no figures");
            assertEquals("—", cell(outage, "audit: lost orders", 2), "a run that failed has no audit of zeros");
            assertTrue(cell(outage, "peak RSS MB per process (a process with children: also the PSS of all)", 1)
                    .contains("postgres 35 (all: 62 PSS)"), "PostgreSQL's backends in its memory");
            assertEquals("32", cell(outage, "CPU ms per submitted order (all processes)", 1));
            assertEquals("7 (no answer ×2, 500 ×1, 503 overloaded ×4)", cell(outage, "errors (not accepted)", 1),
                    "what the orders not accepted were answered, as summary.md says it");
            assertEquals("0", cell(browser.findElement(By.id("saturation")), "errors (not accepted)", 1));

            List<String> ceiling = browser.findElements(By.cssSelector("#ceilings table tr")).get(1)
                    .findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertTrue(ceiling.get(1).startsWith("not found"), ceiling.toString());
            assertEquals("—", ceiling.get(5), "a knee not found is no fraction of its SQL ceiling: " + ceiling);
            List<String> found = browser.findElements(By.cssSelector("#ceilings table tr")).get(2)
                    .findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("distributed-monolith", "50 orders/s", "25 %", "1.93 (the architecture 1.41, the load "
                    + "generator 0.25)"), List.of(found.get(0), found.get(1), found.get(5), found.get(7)),
                    "a found knee against its ceiling, with the cores its step kept busy: " + found);

            String time = browser.findElement(By.id("time")).getText();
            assertTrue(time.lines().anyMatch(line -> line.startsWith("monolith · psp-outage") && line.contains(" 6.50 ‡")),
                    "a start that recorded archives is marked: " + time);
            assertTrue(time.contains("‡ The run's JVMs had no class-data-sharing archive yet"), time);
        } finally {
            browser.quit();
        }
    }

    /** The text of the cell of {@code row} (its label) in column {@code column} (1: the first run) of a section. */
    private static String cell(WebElement section, String row, int column) {
        for (WebElement tr : section.findElements(By.tagName("tr"))) {
            List<WebElement> cells = tr.findElements(By.tagName("td"));
            if (!cells.isEmpty() && cells.get(0).getText().equals(row)) {
                return cells.get(column).getText();
            }
        }
        throw new AssertionError("no row '" + row + "' in " + section.getText());
    }

    private Report.Inputs inputs() {
        Map<String, RunResult.ProcessCost> processes = new LinkedHashMap<>();
        processes.put("monolith", new RunResult.ProcessCost(238, 230, 2.2));
        processes.put("postgres", new RunResult.ProcessCost(35, 61.6, 1.0));
        // 7 orders not accepted: 5 shed by the edge, 2 never answered
        RunResult outage = run("monolith", "psp-outage", new LoadStatistics.Counts(100, 93, 83, 10, 0, 0, 7,
                        Map.of("503 overloaded", 4, "no answer", 2, "500", 1)), processes,
                List.of("+  5.0 s  FAILED to apply psp down=true for 15 s: connection refused"), null, null);
        RunResult.Details d = outage.details(); // the first run after a build: its JVMs recorded their archives
        outage = outage.withDetails(new RunResult.Details(d.series(), d.faultWindows(), d.events(), d.auditExamples(),
                d.meshTries(), d.gatlingCpuSeconds(), d.pollsPerOrder(), d.gatlingReport(), d.logs(), d.drainSeconds(),
                d.steps(), d.kneeRps(), d.kneeVerdict(), d.error(), d.variant(), Map.of("start", 6.5, "load", 10.0),
                d.warmUp(), d.processes(), d.amplification(), d.kafka(), d.startCpuSeconds(), d.meshEjections(), 1));
        RunResult failed = RunResult.failed("event-driven", "psp-outage", "the architecture did not start");
        RunResult saturation = run("monolith", "saturation", new LoadStatistics.Counts(100, 100, 90, 10, 0, 0, 0,
                Map.of()), processes, List.of(), 500.0, "ABOVE_TOP_STEP");
        RunResult dmSaturation = run("distributed-monolith", "saturation", new LoadStatistics.Counts(100, 100, 90, 10,
                0, 0, 0, Map.of()), processes, List.of(), 50.0, "FOUND");
        Ceiling ceiling = new Ceiling("monolith", new Ceiling.Sql("pgbench", List.of(
                new Ceiling.SqlPart("monolith", "monolith/bench/order.pgbench", 800, 10)), 800), null, 800.0, List.of());
        BenchPlan plan = new BenchPlan(List.of(), List.of(scenario("psp-outage"), scenario("saturation")), false, null,
                BenchPlan.defaultWarmUp(false), Path.of("out"), InfraOptions.embedded(false, Durability.DURABLE));
        Ceiling dmCeiling = new Ceiling("distributed-monolith", new Ceiling.Sql("pgbench", List.of(
                new Ceiling.SqlPart("dm_order", "distributed-monolith/bench/dm_order.pgbench", 200, 10)), 200), null,
                200.0, List.of());
        return new Report.Inputs(List.of(outage, failed, saturation, dmSaturation), List.of(), plan, "DURABLE",
                Duration.ofMinutes(1), List.of(ceiling, dmCeiling), Map.of("runs", 60.0));
    }

    private static RunResult run(String architecture, String scenario, LoadStatistics.Counts orders,
                                 Map<String, RunResult.ProcessCost> processes, List<String> events, Double knee,
                                 String verdict) {
        List<RunResult.Step> steps = knee == null ? null : List.of(new RunResult.Step(10, 60, 20, 0, true),
                new RunResult.Step(50, 300, 25, 0, true, 1.41, 0.25, 1.93),
                new RunResult.Step(500, 3000, 30, 0, true));
        return new RunResult(architecture, scenario, 10, 10, orders,
                new Percentiles(5, 8, 9, 12), new Percentiles(6, 9, 10, 15), 9, 95, 0.95,
                new RunResult.Compensations(0, 0, 0), new RunResult.AuditCounts(0, 0, 0, 0, 0, 0, 0), null, 3.2, 400,
                new RunResult.Details(List.of(), List.of(), events, List.of(), Map.of(), 1, 0, null, "logs", 0.5,
                        steps, knee, verdict, null, null, Map.of("load", 10.0), null, processes, null, null, 4.2,
                        Map.of(), 0));
    }

    private static Scenario scenario(String name) {
        return ScenarioCatalogue.load(LabHome.locate().artifact("load-tests/scenarios")).stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
