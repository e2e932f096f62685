package dev.shoplab.loadtests.report;

import dev.shoplab.loadtests.measure.LoadStatistics;
import dev.shoplab.loadtests.results.Ceiling;
import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** {@code summary.md}: the report's figures as Markdown tables, one per scenario, architectures side by side. */
public final class Summary {

    private Summary() {
    }

    static String markdown(Report.Inputs inputs, Map<String, Object> settings) {
        StringBuilder md = new StringBuilder();
        md.append("# shoplab bench — ").append(settings.get("mode")).append(" run of ").append(settings.get("matrix"))
                .append("\n\n");
        if (inputs.plan().quick()) {
            md.append(QUICK_NOTE).append("\n\n");
        }
        md.append("| setting | value |\n|---|---|\n");
        settings.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v == null ? "none" : v).append(" |\n"));
        md.append('\n');
        for (Scenario s : inputs.plan().scenarios()) {
            List<RunResult> runs = inputs.runs().stream().filter(r -> r.scenario().equals(s.name())).toList();
            if (runs.isEmpty()) {
                continue;
            }
            md.append("## ").append(s.title()).append(" (`").append(s.name()).append("`)\n\n");
            md.append(s.description()).append("\n\n");
            // the description tells the full timeline; what ran may differ (quick, --rate)
            md.append("*This bench ran:* ").append(Report.timeline(s, inputs.plan())).append(".\n\n");
            s.meshVariants().forEach(v -> md.append("*Mesh variant* `").append(v.name()).append("`: ")
                    .append(v.description()).append(" (set through the mesh's admin API after the start).\n\n"));
            md.append("*Look for:* ").append(s.lookFor()).append("\n\n");
            md.append("| | ").append(String.join(" | ", runs.stream().map(RunResult::label).toList()))
                    .append(" |\n|---|").append("---|".repeat(runs.size())).append('\n');
            row(md, runs, "offered orders/s", r -> fmt(r.offeredRps()));
            row(md, runs, "submitted / accepted", r -> r.orders().submitted() + " / " + r.orders().accepted());
            row(md, runs, "confirmed / rejected / failed / pending", r -> r.orders().confirmed() + " / "
                    + r.orders().rejected() + " / " + r.orders().failed() + " / " + r.orders().pending());
            row(md, runs, "errors (not accepted)", r -> errors(r.orders()));
            row(md, runs, "accept p50 / p99 ms", r -> fmt(r.acceptLatencyMs().p50()) + " / "
                    + fmt(r.acceptLatencyMs().p99()));
            row(md, runs, "outcome p50 / p99 / max ms", r -> fmt(r.outcomeLatencyMs().p50()) + " / "
                    + fmt(r.outcomeLatencyMs().p99()) + " / " + fmt(r.outcomeLatencyMs().max()));
            row(md, runs, s.isSaturation() ? "confirmed orders/s (mean over the steps run)" : "confirmed orders/s",
                    r -> fmt(r.throughputRps()));
            row(md, runs, "PSP requests / amplification", r -> r.pspRequests() + " / " + fmt(r.retryAmplification()));
            if (runs.stream().anyMatch(r -> r.details().meshTries() != null && !r.details().meshTries().isEmpty())) {
                row(md, runs, "mesh tries by destination", r -> byDestination(r.details().meshTries()));
                row(md, runs, "mesh ejections by destination (outlier detection)",
                        r -> byDestination(r.details().meshEjections()));
            }
            row(md, runs, "compensations ok / failed", Summary::compensations);
            row(md, runs, "recovery s", r -> r.recoverySeconds() == null
                    ? (r.details().faultWindows().isEmpty() ? "—" : "not within the run") : fmt(r.recoverySeconds()));
            row(md, runs, "audit (lost/stuck/stock/money/double/missing/dup mail)", r -> r.audit().lostOrders() + "/"
                    + r.audit().stuckOrders() + "/" + r.audit().oversoldSkus() + "/" + r.audit().moneyMismatches() + "/"
                    + r.audit().doubleCharges() + "/" + r.audit().missingNotifications() + "/"
                    + r.audit().duplicateNotifications());
            row(md, runs, "CPU-s / peak MB", r -> fmt(r.cpuSeconds()) + " / " + fmt(r.peakRssMb()));
            row(md, runs, "CPU ms per submitted order (all processes)", r -> r.orders().submitted() == 0 ? "—"
                    : fmt(1000.0 * r.cpuSeconds() / r.orders().submitted()));
            row(md, runs, "CPU ms per concluded order (all processes)", r -> concluded(r) == 0 ? "—"
                    : fmt(1000.0 * r.cpuSeconds() / concluded(r)));
            row(md, runs, "CPU ms per submitted order by process", r -> cpuPerOrder(r));
            row(md, runs, "peak RSS MB per process (a process with children: also the PSS of all)",
                    r -> memory(r.details().processes()));
            row(md, runs, "CPU-s to start (until ready)", r -> r.details().startCpuSeconds() == null ? "—"
                    : fmt(r.details().startCpuSeconds()) + withoutArchives(r));
            if (s.isSaturation()) {
                row(md, runs, "knee (orders/s within SLO)", r -> knee(r.details()));
                row(md, runs, "CPU ms per order by step within the SLO (the architecture's processes; orders/s: ms)",
                        Summary::cpuByStep);
            }
            if (runs.stream().anyMatch(r -> r.details().amplification() != null)) {
                row(md, runs, "PSP tries per charge request: measured / predicted", r ->
                        r.details().amplification() == null ? "—" : fmtOrDash(r.details().amplification().measured())
                                + " / " + fmt(r.details().amplification().predicted()));
            }
            if (runs.stream().anyMatch(r -> r.details().kafka() != null)) {
                row(md, runs, "Kafka records per submitted order / mean bytes", r -> r.details().kafka() == null ? "—"
                        : fmt(r.details().kafka().eventsPerOrder()) + " / " + fmt(r.details().kafka().meanRecordBytes()));
            }
            row(md, runs, "client polls per accepted order / Gatling CPU-s", r -> fmt(r.details().pollsPerOrder()) + " / "
                    + fmt(r.details().gatlingCpuSeconds()));
            row(md, runs, "warm-up", r -> warmUp(r.details().warmUp()));
            runs.stream().filter(r -> r.details().warmUp() != null && !r.details().warmUp().criteriaMet())
                    .forEach(r -> md.append("\n**").append(r.label()).append(" was not warm:** its warm-up ended after ")
                            .append(fmt(r.details().warmUp().seconds())).append(" s with ")
                            .append(r.details().warmUp().shortfall()).append(" (ADR 0010 asks for steady throughput "
                                    + "and 250 orders); its figures include a partly cold start.\n"));
            runs.stream().filter(r -> r.details().error() != null).forEach(r -> md.append("\n**")
                    .append(r.label()).append(" failed to run:** ").append(r.details().error()).append('\n'));
            runs.forEach(r -> faultsNotAsPlanned(r).forEach(e -> md.append("\n**").append(r.label())
                    .append(": a fault did not go as planned** (the figures are not those of the timeline above): `")
                    .append(e.strip()).append("`\n")));
            runs.stream().filter(r -> r.details().amplification() != null).forEach(r -> amplification(md, r));
            md.append('\n');
        }
        ceilings(md, inputs, settings.get("cores"));
        time(md, inputs);
        md.append("## Gatling's own report\n\n").append(GATLING_NOTE).append("\n\n");
        if (!inputs.skipped().isEmpty()) {
            md.append("## Skipped\n\n");
            inputs.skipped().forEach(s -> md.append("- ").append(s).append('\n'));
        }
        return md.toString();
    }

    /** What a quick run is for (the same text in index.html). */
    static final String QUICK_NOTE = "**A quick run**: shortened scenarios, a warm-up of seconds (its runs are flagged NOT "
            + "WARM), no warm-up of the Kafka broker, percentiles of 50-120 orders per run: compare the architectures' "
            + "shapes here, and quote the figures of a full bench (`./shoplab bench`).";

    /** How Gatling's counts relate to the report's (the same text in index.html). */
    static final String GATLING_NOTE = "Each run links Gatling's own report. Its group `order` holds one order (its "
            + "POST, retries and polls): the group is KO when the order was not accepted, ended FAILED or had no "
            + "outcome in time, so its OK and KO counts are this report's confirmed + rejected and failed + errors + "
            + "pending. They differ only when a poll of an order that concluded well failed (a 5xx while a database "
            + "restarts): Gatling fails the group, this report counts the order by its outcome. Its requests "
            + "(`place order`, `poll order`) are judged on HTTP alone: a 201 carrying FAILED is an OK request in a "
            + "KO order.";

    /** Accepted orders that reached an outcome (confirmed, rejected or failed). */
    static long concluded(RunResult r) {
        return r.orders().confirmed() + r.orders().rejected() + r.orders().failed();
    }

    /**
     * The orders not accepted and what their POST was answered, for example
     * {@code 3164 (no answer ×12, 503 overloaded ×3152)}: {@code 503 overloaded} an edge shedding load (ADR 0023),
     * {@code 503 service-unavailable} one whose database or callee is away, a status without a kind an answer that was
     * not a problem (a proxy in front of a deployed shop), no answer a refused or timed-out connection (a JVM that
     * died).
     * The same words in index.html.
     */
    static String errors(LoadStatistics.Counts orders) {
        return orders.errors() + errorAnswers(orders);
    }

    /** What the orders not accepted were answered, {@code " (no answer ×12, 503 overloaded ×3152)"}, or "" when none. */
    public static String errorAnswers(LoadStatistics.Counts orders) {
        if (orders.errorsByAnswer().isEmpty()) {
            return "";
        }
        return " (" + String.join(", ", orders.errorsByAnswer().entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue()).toList()) + ")";
    }

    /** {@code payment-service 3, psp-simulator 1}, or — when there is none. */
    static String byDestination(Map<String, Long> counts) {
        return counts == null || counts.isEmpty() ? "—" : String.join(", ", counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    /** The lines of a run's fault log that say a fault could not be applied or lifted. */
    static List<String> faultsNotAsPlanned(RunResult r) {
        return r.details().events() == null ? List.of()
                : r.details().events().stream().filter(e -> e.contains("FAILED")).toList();
    }

    /**
     * The monolith has no compensations to count: a failed charge ends its order in one local transaction, which
     * releases the stock with the status change (ADR 0004); "0 / 0" beside the others' counts would read as "none
     * needed".
     */
    static String compensations(RunResult r) {
        return r.architecture().equals("monolith") ? "— (one local transaction)"
                : r.compensations().succeeded() + " / " + r.compensations().failed();
    }

    /**
     * Says when a run's service JVMs started without their class-data sharing archive (the first run of each in a
     * fresh checkout records them): their start cost, and a little of their memory, is then that of a JVM without.
     */
    static String withoutArchives(RunResult r) {
        Integer n = r.details().cdsRecorded();
        return n == null || n == 0 ? "" : " (" + n + " JVM" + (n == 1 ? "" : "s") + " without a class-data sharing"
                + " archive: " + (n == 1 ? "it" : "they") + " recorded one)";
    }

    static String knee(RunResult.Details d) {
        if (d.kneeVerdict() == null) {
            return "—";
        }
        return switch (d.kneeVerdict()) {
            case "FOUND" -> fmt(d.kneeRps());
            case "ABOVE_TOP_STEP" -> "not found: above the top step " + fmt(d.kneeRps());
            default -> "not found: below the first step";
        };
    }

    static String warmUp(RunResult.WarmUp w) {
        if (w == null) {
            return "none (measured cold)";
        }
        return fmt(w.seconds()) + " s, " + w.completed() + " orders" + (w.criteriaMet() ? ", steady"
                : " — NOT WARM: " + w.shortfall());
    }

    static String cpuPerOrder(RunResult r) {
        if (r.details().processes() == null || r.details().processes().isEmpty() || r.orders().submitted() == 0) {
            return "—";
        }
        return String.join(", ", r.details().processes().entrySet().stream().map(e -> e.getKey() + " "
                + fmt(1000.0 * e.getValue().cpuSeconds() / r.orders().submitted())).toList());
    }

    static String memory(Map<String, RunResult.ProcessCost> memory) {
        if (memory == null || memory.isEmpty()) {
            return "—";
        }
        // PSS above RSS: the role's process has children (PostgreSQL's backends), which its own RSS leaves out
        return String.join(", ", memory.entrySet().stream().map(e -> e.getKey() + " " + Math.round(e.getValue().rssMb())
                + (e.getValue().pssMb() > e.getValue().rssMb() ? " (all: " + Math.round(e.getValue().pssMb()) + " PSS)"
                : "")).toList());
    }

    private static String fmtOrDash(Double d) {
        return d == null ? "—" : fmt(d);
    }

    private static void amplification(StringBuilder md, RunResult r) {
        RunResult.Amplification a = r.details().amplification();
        md.append("\n*Retry amplification, ").append(r.label()).append("* (").append(a.window()).append("):\n\n")
                .append("| hop | tries allowed (1 + attempts) | requests answered | their tries | tries per request |\n")
                .append("|---|---|---|---|---|\n");
        for (RunResult.Hop h : a.hops()) {
            md.append("| ").append(h.destination()).append(" | ").append(h.maxTries()).append(" | ").append(h.requests())
                    .append(" | ").append(h.tries()).append(" | ").append(fmtOrDash(h.measured())).append(" |\n");
        }
        md.append("| end to end | ").append(fmt(a.predicted())).append(" predicted | | | ")
                .append(fmtOrDash(a.measured())).append(" measured (the hops' product) |\n");
        if (a.hops().stream().anyMatch(h -> h.measured() != null && h.measured() < 1)) {
            md.append('\n').append(FEWER_TRIES_NOTE).append('\n');
        }
    }

    /** Why a hop can show fewer tries than requests (index.html says the same). */
    static final String FEWER_TRIES_NOTE = "Fewer than one try per request: the mesh answered some requests itself,"
            + " without a try, as Envoy does — 503 \"no healthy upstream\" while outlier detection had ejected the"
            + " destination, or an overflow of its connection pool; those requests' retries never reached it.";

    private static void ceilings(StringBuilder md, Report.Inputs inputs, Object cores) {
        if (inputs.ceilings().isEmpty()) {
            return;
        }
        md.append("## Knees and ceilings\n\n").append(CEILING_NOTE).append("\n\n")
                .append("| | knee orders/s | SQL ceiling orders/s (per database: scripts/s) | Kafka ceiling orders/s "
                        + "(records/s ÷ records per order) | ceiling orders/s | knee ÷ SQL ceiling | knee ÷ ceiling "
                        + "| cores busy at the knee (of " + cores + ") |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Ceiling c : inputs.ceilings()) {
            RunResult saturation = inputs.runs().stream().filter(r -> r.architecture().equals(c.architecture())
                    && r.details().kneeVerdict() != null && r.details().variant() == null).findFirst().orElse(null);
            // a knee not found is no figure (ADR 0018): no fraction of a ceiling either
            Double knee = saturation == null || !"FOUND".equals(saturation.details().kneeVerdict()) ? null
                    : saturation.details().kneeRps();
            md.append("| ").append(c.architecture()).append(" | ")
                    .append(saturation == null ? "—" : knee(saturation.details())).append(" | ")
                    .append(c.sql() == null ? "—" : fmt(c.sql().ordersPerSecond()) + " (" + String.join(", ",
                            c.sql().parts().stream().map(p -> p.database() + ": " + fmt(p.scriptsPerSecond())).toList())
                            + ")").append(" | ")
                    .append(c.kafka() == null ? "—" : fmt(c.kafka().ordersPerSecond()) + " (" + fmt(c.kafka()
                            .recordsPerSecond()) + " ÷ " + fmt(c.kafka().eventsPerOrder()) + ")").append(" | ")
                    .append(c.ordersPerSecond() == null ? "—" : fmt(c.ordersPerSecond())).append(" | ")
                    .append(percent(knee, c.sql() == null ? null : c.sql().ordersPerSecond())).append(" | ")
                    .append(percent(knee, c.ordersPerSecond())).append(" | ")
                    .append(coresAtTheKnee(saturation, knee)).append(" |\n");
        }
        inputs.ceilings().stream().flatMap(c -> c.notes().stream().map(n -> c.architecture() + ": " + n))
                .forEach(n -> md.append("\n- ").append(n));
        md.append("\n\n");
    }

    /**
     * How busy the machine was in the knee's step, e.g. {@code 1.93 (the architecture 1.41, the load generator
     * 0.25)}: a ceiling has the machine to itself, a knee shares it with the load generator, the simulators and the
     * kernel. "—" for no knee or a step whose CPU was not measured. The same words in index.html.
     */
    static String coresAtTheKnee(RunResult saturation, Double knee) {
        if (knee == null || saturation.details().steps() == null) {
            return "—";
        }
        return saturation.details().steps().stream().filter(st -> st.rate() == knee && st.machineCores() != null)
                .findFirst().map(st -> fmt(st.machineCores()) + " (the architecture " + fmtOrDash(st.architectureCores())
                        + ", the load generator " + fmtOrDash(st.loadGeneratorCores()) + ")").orElse("—");
    }

    /**
     * The architecture's CPU per order at each saturation step within the SLO, {@code 10: 40.5, 13: 33.1, …}: the
     * cores its processes kept busy in the step ÷ the step's rate. How the cost of an order falls as the rate rises
     * (a fixed cost shared by more orders, work batched); "—" when no step's CPU was measured.
     */
    static String cpuByStep(RunResult r) {
        if (r.details().steps() == null) {
            return "—";
        }
        List<String> byStep = r.details().steps().stream()
                .filter(st -> st.withinSlo() && st.architectureCores() != null && st.rate() > 0)
                .map(st -> fmt(st.rate()) + ": " + fmt(1000 * st.architectureCores() / st.rate())).toList();
        return byStep.isEmpty() ? "—" : String.join(", ", byStep);
    }

    /** What the ceilings are (the same text in index.html). */
    static final String CEILING_NOTE = "Measured right after each architecture's saturation run, on the same "
            + "PostgreSQL and Kafka, with nothing else running (ADR 0018): pgbench runs the SQL of one order, database "
            + "by database (each architecture's `bench/*.pgbench`); for the event-driven system Kafka's own producer "
            + "benchmark sends records of the saga's mean size. One order's work takes the machine the sum of its "
            + "parts' times, so a ceiling is 1 / Σ (1 / part rate). The knee is the highest saturation step whose "
            + "outcome p99 stayed within 1 s with under 1 % errors; the cores busy at the knee are the whole machine's "
            + "in that step (every process and the kernel), of which the architecture's processes and the load "
            + "generator's: a ceiling has the machine to itself, a knee shares it.";

    static String percent(Double knee, Double ceiling) {
        return knee == null || ceiling == null || ceiling == 0 ? "—"
                : String.format(Locale.ROOT, "%.0f %%", 100 * knee / ceiling);
    }

    private static void time(StringBuilder md, Report.Inputs inputs) {
        md.append("## Where the time went\n\n");
        if (!inputs.benchPhases().isEmpty()) {
            md.append("Bench: ").append(String.join(", ", inputs.benchPhases().entrySet().stream()
                    .map(e -> e.getKey() + " " + fmt(e.getValue()) + " s").toList())).append(".\n\n");
        }
        List<String> phases = inputs.runs().stream().flatMap(r -> r.details().phases().keySet().stream()).distinct()
                .toList();
        if (phases.isEmpty()) {
            return;
        }
        md.append("| run | ").append(String.join(" | ", phases)).append(" | total |\n|---|")
                .append("---|".repeat(phases.size() + 1)).append('\n');
        Map<String, Double> sums = new LinkedHashMap<>();
        boolean recorded = false;
        for (RunResult r : inputs.runs()) {
            // as the console names the run: architecture · scenario · mesh variant
            md.append("| ").append(r.architecture()).append(" · ").append(r.scenario())
                    .append(r.details().variant() == null ? "" : " · " + r.details().variant());
            boolean recording = r.details().cdsRecorded() != null && r.details().cdsRecorded() > 0;
            recorded |= recording;
            double total = 0;
            for (String p : phases) {
                Double v = r.details().phases().get(p);
                md.append(" | ").append(v == null ? "" : fmt(v)).append(v != null && recording && RECORDING_PHASES.contains(p) ? " ‡" : "");
                total += v == null ? 0 : v;
                sums.merge(p, v == null ? 0 : v, Double::sum);
            }
            md.append(" | ").append(fmt(Math.round(total * 10) / 10.0)).append(" |\n");
        }
        md.append("| **all runs** | ").append(String.join(" | ", phases.stream()
                .map(p -> fmt(Math.round(sums.get(p) * 10) / 10.0)).toList())).append(" | ")
                .append(fmt(Math.round(sums.values().stream().mapToDouble(Double::doubleValue).sum() * 10) / 10.0))
                .append(" |\n\n");
        if (recorded) {
            md.append(RECORDING_NOTE).append("\n\n");
        }
    }

    /** The phases that take longer in a run whose JVMs record their class-data-sharing archives. */
    private static final List<String> RECORDING_PHASES = List.of("start", "stop");
    /** What ‡ means in the time table (index.html says the same). */
    static final String RECORDING_NOTE = "‡ The run's JVMs had no class-data-sharing archive yet (the first run of an"
            + " architecture after a build): they started without one, and its stop includes writing it.";

    /** A row of the table; a run that failed to run has no figures, only its note below the table. */
    private static void row(StringBuilder md, List<RunResult> runs, String label, Function<RunResult, String> cell) {
        md.append("| ").append(label).append(" | ")
                .append(String.join(" | ", runs.stream().map(r -> r.details().error() != null ? "—" : cell.apply(r))
                        .toList())).append(" |\n");
    }

    /** A figure as the report writes it: whole numbers bare, two decimals below 100, none above. */
    public static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e12) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.2f", d);
    }
}
