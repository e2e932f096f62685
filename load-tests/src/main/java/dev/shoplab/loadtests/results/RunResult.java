package dev.shoplab.loadtests.results;

import dev.shoplab.loadtests.audit.AuditFindings;
import dev.shoplab.loadtests.measure.LoadStatistics;
import dev.shoplab.loadtests.measure.Percentiles;
import java.util.List;
import java.util.Map;

/**
 * One run (architecture × scenario) as {@code results.json} holds it: the fields of docs/DESIGN.md's shape,
 * then {@code details} with what the report draws (per-second series, the fault timeline, links).
 */
public record RunResult(String architecture, String scenario, double offeredRps, long durationSeconds,
                        LoadStatistics.Counts orders, Percentiles acceptLatencyMs, Percentiles outcomeLatencyMs,
                        double throughputRps, long pspRequests, double retryAmplification,
                        Compensations compensations, AuditCounts audit, Double recoverySeconds, double cpuSeconds,
                        double peakRssMb, Details details) {

    /**
     * The result of a run that could not be measured (the architecture did not start, the load failed …):
     * every figure zero or absent, {@code details.error} saying why.
     */
    public static RunResult failed(String architecture, String scenario, String reason) {
        return new RunResult(architecture, scenario, 0, 0, new LoadStatistics.Counts(0, 0, 0, 0, 0, 0, 0),
                Percentiles.NONE, Percentiles.NONE, 0, 0, 0, new Compensations(0, 0, 0),
                new AuditCounts(0, 0, 0, 0, 0, 0, 0), null, 0, 0,
                new Details(List.of(), List.of(), List.of(), List.of(), Map.of(), 0, 0, null, null, 0, null, null,
                        reason));
    }

    /** Compensating actions (release a reservation, refund a charge) as the architecture counted them. */
    public record Compensations(long attempted, long succeeded, long failed) {
    }

    /** The seven audit counts of docs/DESIGN.md. */
    public record AuditCounts(int lostOrders, int stuckOrders, int oversoldSkus, int moneyMismatches,
                              int doubleCharges, int missingNotifications, int duplicateNotifications) {

        public static AuditCounts of(AuditFindings f) {
            return new AuditCounts(f.lostOrders(), f.stuckOrders(), f.oversoldSkus(), f.moneyMismatches(),
                    f.doubleCharges(), f.missingNotifications(), f.duplicateNotifications());
        }

        public int total() {
            return lostOrders + stuckOrders + oversoldSkus + moneyMismatches + doubleCharges + missingNotifications
                    + duplicateNotifications;
        }
    }

    /** One step of a saturation run. */
    public record Step(double rate, double outcomeP99Ms, double errorRate, boolean withinSlo) {
    }

    /**
     * What the report needs beyond the headline figures.
     *
     * @param series          one row per second of arrival
     * @param faultWindows    [start, end] seconds of each fault, for shading
     * @param events          the fault timeline as it happened
     * @param auditExamples   a few examples of each audit violation
     * @param meshTries       tries that reached each upstream through the mesh, by destination (distributed monolith)
     * @param gatlingCpuSeconds CPU the load generator itself used
     * @param pollsPerOrder     GETs the clients sent per accepted order while waiting for its outcome
     * @param gatlingReport   Gatling's own HTML report, relative to the bench folder
     * @param logs            the folder with this run's process logs
     * @param drainSeconds    how long the audit waited for orders to finish after the load
     * @param steps           saturation only: each step's figures
     * @param kneeRps         saturation only: the highest rate within the SLO
     * @param error           when the run itself failed: why
     */
    public record Details(List<LoadStatistics.Second> series, List<double[]> faultWindows, List<String> events,
                          List<String> auditExamples, Map<String, Long> meshTries, double gatlingCpuSeconds,
                          double pollsPerOrder, String gatlingReport, String logs, double drainSeconds, List<Step> steps, Double kneeRps,
                          String error) {
    }
}
