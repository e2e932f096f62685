package dev.shoplab.loadtests.report;

import dev.shoplab.loadtests.results.RunResult;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.simulation.LoadSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** {@code summary.md}: the report's figures as Markdown tables, one per scenario, architectures side by side. */
final class Summary {

    private Summary() {
    }

    static String markdown(Report.Inputs inputs, Map<String, Object> settings) {
        StringBuilder md = new StringBuilder();
        md.append("# shoplab bench — ").append(settings.get("mode")).append(" run\n\n");
        md.append("| setting | value |\n|---|---|\n");
        settings.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        for (Scenario s : inputs.plan().scenarios()) {
            List<RunResult> runs = inputs.runs().stream().filter(r -> r.scenario().equals(s.name())).toList();
            if (runs.isEmpty()) {
                continue;
            }
            md.append("## ").append(s.title()).append(" (`").append(s.name()).append("`)\n\n");
            md.append(s.description()).append("\n\n");
            if (inputs.plan().quick()) {
                // the description tells the full timeline; a quick run compresses it
                md.append("*This quick run:* ").append(LoadSettings.formatPhases(
                        s.phases(true, inputs.plan().rate()))).append(" (orders/s x seconds)");
                s.faults(true).forEach(f -> md.append("; ").append(f.describe()));
                md.append(".\n\n");
            }
            md.append("*Look for:* ").append(s.lookFor()).append("\n\n");
            md.append("| | ").append(String.join(" | ", runs.stream().map(RunResult::architecture).toList()))
                    .append(" |\n|---|").append("---|".repeat(runs.size())).append('\n');
            row(md, runs, "offered orders/s", r -> fmt(r.offeredRps()));
            row(md, runs, "submitted / accepted", r -> r.orders().submitted() + " / " + r.orders().accepted());
            row(md, runs, "confirmed / rejected / failed / pending", r -> r.orders().confirmed() + " / "
                    + r.orders().rejected() + " / " + r.orders().failed() + " / " + r.orders().pending());
            row(md, runs, "errors (not accepted)", r -> Integer.toString(r.orders().errors()));
            row(md, runs, "accept p50 / p99 ms", r -> fmt(r.acceptLatencyMs().p50()) + " / "
                    + fmt(r.acceptLatencyMs().p99()));
            row(md, runs, "outcome p50 / p99 / max ms", r -> fmt(r.outcomeLatencyMs().p50()) + " / "
                    + fmt(r.outcomeLatencyMs().p99()) + " / " + fmt(r.outcomeLatencyMs().max()));
            row(md, runs, "confirmed orders/s", r -> fmt(r.throughputRps()));
            row(md, runs, "PSP requests / amplification", r -> r.pspRequests() + " / " + fmt(r.retryAmplification()));
            row(md, runs, "compensations ok / failed", r -> r.compensations().succeeded() + " / "
                    + r.compensations().failed());
            row(md, runs, "recovery s", r -> r.recoverySeconds() == null
                    ? (r.details().faultWindows().isEmpty() ? "—" : "not within the run") : fmt(r.recoverySeconds()));
            row(md, runs, "audit (lost/stuck/stock/money/double/missing/dup mail)", r -> r.audit().lostOrders() + "/"
                    + r.audit().stuckOrders() + "/" + r.audit().oversoldSkus() + "/" + r.audit().moneyMismatches() + "/"
                    + r.audit().doubleCharges() + "/" + r.audit().missingNotifications() + "/"
                    + r.audit().duplicateNotifications());
            row(md, runs, "CPU-s / peak MB", r -> fmt(r.cpuSeconds()) + " / " + fmt(r.peakRssMb()));
            if (s.isSaturation()) {
                row(md, runs, "knee (orders/s within SLO)", r -> r.details().kneeRps() == null ? "none"
                        : fmt(r.details().kneeRps()));
            }
            row(md, runs, "client polls per order / Gatling CPU-s", r -> fmt(r.details().pollsPerOrder()) + " / "
                    + fmt(r.details().gatlingCpuSeconds()));
            runs.stream().filter(r -> r.details().error() != null).forEach(r -> md.append("\n**")
                    .append(r.architecture()).append(" failed to run:** ").append(r.details().error()).append('\n'));
            md.append('\n');
        }
        if (!inputs.skipped().isEmpty()) {
            md.append("## Skipped\n\n");
            inputs.skipped().forEach(s -> md.append("- ").append(s).append('\n'));
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<RunResult> runs, String label, Function<RunResult, String> cell) {
        md.append("| ").append(label).append(" | ")
                .append(String.join(" | ", runs.stream().map(cell).toList())).append(" |\n");
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e12) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.2f", d);
    }
}
