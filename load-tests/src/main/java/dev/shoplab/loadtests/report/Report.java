package dev.shoplab.loadtests.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shoplab.lab.LabHome;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.results.Ceiling;
import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.simulation.LoadSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the bench's three outputs into its folder: {@code results.json} (docs/DESIGN.md's shape),
 * {@code summary.md} (tables for a pull request or a slide) and {@code index.html} (self-contained:
 * data, Chart.js and the page in one file, readable offline).
 */
public final class Report {

    /**
     * Everything the report shows.
     *
     * @param ceilings    each architecture's ceiling, measured after its saturation run (ADR 0018)
     * @param benchPhases where the bench's time went: infrastructure start, broker warm-up, runs, ceilings, report, stop (seconds)
     */
    public record Inputs(List<RunResult> runs, List<String> skipped, BenchPlan plan, String durability,
                         Duration took, List<Ceiling> ceilings, Map<String, Double> benchPhases) {

        /** Inputs without ceilings and bench phases (a bench that measured none). */
        public Inputs(List<RunResult> runs, List<String> skipped, BenchPlan plan, String durability, Duration took) {
            this(runs, skipped, plan, durability, took, List.of(), Map.of());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

    private Report() {
    }

    /** Writes (or rewrites) the three files; returns the path of {@code index.html}. */
    public static Path write(Path dir, Inputs inputs) {
        try {
            Files.createDirectories(dir);
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("runs", inputs.runs());
            results.put("settings", settings(inputs));
            results.put("scenarios", inputs.plan().scenarios().stream().map(s -> scenario(s, inputs.plan())).toList());
            results.put("skipped", inputs.skipped());
            results.put("ceilings", inputs.ceilings());
            results.put("benchPhases", inputs.benchPhases());
            String json = JSON.writeValueAsString(results);
            Files.writeString(dir.resolve("results.json"), json);
            Files.writeString(dir.resolve("summary.md"), Summary.markdown(inputs, settings(inputs)));
            String page = resource("/shoplab/report/index.html")
                    .replace("/*CHART_JS*/", resource(CHART_JS))
                    .replace("/*RESULTS*/", json.replace("</", "<\\/"))
                    .replace("/*CEILING_NOTE*/", JSON.writeValueAsString(Summary.CEILING_NOTE))
                    .replace("/*GATLING_NOTE*/", JSON.writeValueAsString(Summary.GATLING_NOTE))
                    .replace("/*QUICK_NOTE*/", JSON.writeValueAsString(Summary.QUICK_NOTE))
                    .replace("/*RECORDING_NOTE*/", JSON.writeValueAsString(Summary.RECORDING_NOTE))
                    .replace("/*FEWER_TRIES_NOTE*/", JSON.writeValueAsString(Summary.FEWER_TRIES_NOTE));
            Path index = dir.resolve("index.html");
            Files.writeString(index, page);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report into " + dir, e);
        }
    }

    /**
     * What the bench was asked to run, for the report's title and settings: "3 architectures × 9 scenarios", or the
     * names where there is one ("monolith × baseline"), so that a subset is not read as the whole matrix.
     */
    static String matrix(BenchPlan plan) {
        int architectures = plan.architectures().size();
        int scenarios = plan.scenarios().size();
        return (architectures == 1 ? plan.architectures().get(0).name() : architectures + " architectures") + " × "
                + (scenarios == 1 ? plan.scenarios().get(0).name() : scenarios + " scenarios");
    }

    /** The settings block: how the numbers were made. */
    static Map<String, Object> settings(Inputs inputs) {
        Map<String, Object> s = new LinkedHashMap<>();
        // when the bench started (the report is rewritten after every run; its writing time says little)
        s.put("started", ZonedDateTime.now().minus(inputs.took()).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        s.put("mode", inputs.plan().quick() ? "quick" : "full");
        s.put("matrix", matrix(inputs.plan()));
        s.put("rateOverride", inputs.plan().rate());
        s.put("commit", Commit.describe(LabHome.locate().root()));
        s.put("warmUpSeconds", inputs.plan().warmUp().toSeconds());
        s.put("jit", inputs.plan().jit().cliName() + " (every service JVM: "
                + (inputs.plan().jit().flags().isEmpty() ? "the JVM's default tiered compilation, C1 then C2"
                : String.join(" ", inputs.plan().jit().flags()) + ", C1 only") + "; ADR 0010)");
        s.put("durability", inputs.durability());
        s.put("infra", inputs.plan().deployed().isPresent() ? "deployed" : inputs.plan().infra().provider().cliName());
        inputs.plan().deployed().ifPresent(d -> {
            s.put("deployedEdge", d.edgeUrl());
            s.put("costMeasured", "no: the architecture runs elsewhere, so cpuSeconds and peakRssMb read 0");
        });
        s.put("tracing", inputs.plan().tracing() ? "on (OpenTelemetry, every order; spans sent over OTLP/HTTP to a "
                + "receiver in the bench process, whose CPU is not counted)" : "off");
        s.put("cores", Runtime.getRuntime().availableProcessors());
        s.put("memoryGb", Math.round(totalMemoryBytes() / 1e9 * 10) / 10.0);
        s.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        s.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        s.put("took", minutesAndSeconds(inputs.took()));
        s.put("memoryMeasure", "peakRssMb is the peak of the summed PSS (proportional set size: shared pages "
                + "counted once) of every process of the architecture, its database and broker included");
        s.put("cpuMeasure", "CPU-seconds (user + system) after the warm-up, of every process of the architecture, its "
                + "database and broker included, with the processes they started (a PostgreSQL backend that ended "
                + "counted once); a process restarted by a fault counts from its start; per order = per order "
                + "submitted");
        return s;
    }

    private static Map<String, Object> scenario(Scenario s, BenchPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("title", s.title());
        m.put("description", s.description());
        m.put("lookFor", s.lookFor());
        m.put("appliesTo", s.appliesTo());
        // what this bench ran, which differs from the description in a quick run (compressed) or with --rate
        m.put("timeline", timeline(s, plan));
        m.put("meshVariants", s.meshVariants());
        return m;
    }

    /**
     * The load and faults this bench ran for a scenario, in one line: {@code 10 orders/s for 12 s; psp errorRate=0.3
     * from 4 s for 6 s}. A quick run compresses the scenario's timeline, and {@code --rate} changes its rates.
     */
    public static String timeline(Scenario s, BenchPlan plan) {
        List<LoadSettings.Phase> phases = s.phases(plan.quick(), plan.rate());
        StringBuilder t = new StringBuilder();
        if (phases.size() == 1) {
            t.append(Summary.fmt(phases.get(0).ratePerSecond())).append(" orders/s for ")
                    .append(phases.get(0).duration().toSeconds()).append(" s");
        } else {
            t.append("steps of ").append(phases.get(0).duration().toSeconds()).append(" s at ")
                    .append(String.join(", ", phases.stream().map(p -> Summary.fmt(p.ratePerSecond())).toList()))
                    .append(" orders/s");
            if (s.stopAfterBrokenSteps() > 0) {
                t.append(", stopped ").append(s.stopAfterBrokenSteps()).append(" broken steps after the knee");
            }
        }
        s.faults(plan.quick()).forEach(f -> t.append("; ").append(f.describe()));
        return t.append(plan.quick() ? " (quick: the scenario's timeline compressed)" : "").toString();
    }

    private static long totalMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().maxMemory();
        }
        return 0;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = Report.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("resource " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A duration as the console and the report write it, for example {@code 30 min 31 s}. */
    public static String minutesAndSeconds(Duration d) {
        return String.format("%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
