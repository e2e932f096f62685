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
        return new RunResult(architecture, scenario, 0, 0, LoadStatistics.Counts.NONE,
                Percentiles.NONE, Percentiles.NONE, 0, 0, 0, new Compensations(0, 0, 0),
                new AuditCounts(0, 0, 0, 0, 0, 0, 0), null, 0, 0,
                new Details(List.of(), List.of(), List.of(), List.of(), Map.of(), 0, 0, null, null, 0, null, null,
                        null, reason, null, Map.of(), null, Map.of(), null, null, null, Map.of(), null));
    }

    /** The same run failed, but what is known of it (its variant, the time its phases took) is kept. */
    public static RunResult failed(String architecture, String scenario, String variant, String reason,
                                   Map<String, Double> phases) {
        RunResult r = failed(architecture, scenario, reason);
        Details d = r.details();
        return r.withDetails(new Details(d.series(), d.faultWindows(), d.events(), d.auditExamples(), d.meshTries(),
                d.gatlingCpuSeconds(), d.pollsPerOrder(), d.gatlingReport(), d.logs(), d.drainSeconds(), d.steps(),
                d.kneeRps(), d.kneeVerdict(), d.error(), variant, phases, d.warmUp(), d.processes(), d.amplification(),
                d.kafka(), d.startCpuSeconds(), d.meshEjections(), d.cdsRecorded()));
    }

    /** This run with other details. */
    public RunResult withDetails(Details other) {
        return new RunResult(architecture, scenario, offeredRps, durationSeconds, orders, acceptLatencyMs,
                outcomeLatencyMs, throughputRps, pspRequests, retryAmplification, compensations, audit, recoverySeconds,
                cpuSeconds, peakRssMb, other);
    }

    /** The architecture, and the mesh variant when the run had one: {@code distributed-monolith · outlier-detection-off}. */
    public String label() {
        return details.variant() == null ? architecture : architecture + " · " + details.variant();
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

    /**
     * One step of a saturation run: its rate, the orders that arrived in it, their outcome p99 (over the orders
     * that concluded), the share that were errors and whether the step was within the SLO
     * ({@link dev.shoplab.loadtests.simulation.SaturationRamp}); and the cores kept busy on average while it ran, by
     * the architecture's processes (its database and broker included), by the load generator, and by the whole
     * machine (everything: also the simulators and the kernel) — null where not measured (fewer than two samples,
     * one a second, in the step).
     */
    public record Step(double rate, int orders, double outcomeP99Ms, double errorRate, boolean withinSlo,
                       Double architectureCores, Double loadGeneratorCores, Double machineCores) {

        /** A step whose CPU was not measured. */
        public Step(double rate, int orders, double outcomeP99Ms, double errorRate, boolean withinSlo) {
            this(rate, orders, outcomeP99Ms, errorRate, withinSlo, null, null, null);
        }
    }

    /**
     * The warm-up before the measured load (ADR 0010): how long, how many orders it placed and saw concluded,
     * whether throughput was steady, and whether it met its own criteria; {@code shortfall} says what was missing.
     */
    public record WarmUp(double seconds, int placed, int completed, boolean steady, boolean criteriaMet,
                         String shortfall) {
    }

    /**
     * One process of the run, by role (see {@code ResourceSampler}): its peak RSS and the peak PSS of it and its
     * descendants, and the CPU-seconds they used while the run was measured (the load and the drain).
     */
    public record ProcessCost(double rssMb, double pssMb, double cpuSeconds) {
    }

    /**
     * Retry amplification along a mesh chain: what Istio's retry semantics predict — each hop tries up to
     * {@code maxTries} (1 + attempts) times, and the tries multiply along the chain — next to what the mesh counted
     * while the fault was on.
     *
     * @param window    the time the counts cover, e.g. {@code +5.0 s to +15.0 s (the fault)}
     * @param hops      each destination of the chain, from the edge outwards
     * @param predicted the product of the hops' {@code maxTries}: requests at the last hop per request at the first
     * @param measured  tries that reached the last hop per request the mesh got for the first; null without requests
     */
    public record Amplification(String window, List<Hop> hops, double predicted, Double measured) {
    }

    /**
     * One hop of a mesh chain: its destination, the tries its policy allows per request, and what the mesh counted:
     * requests it got for the destination, tries that reached it, and their ratio (null without requests).
     */
    public record Hop(String destination, int maxTries, long requests, long tries, Double measured) {
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
     * @param steps           saturation only: each step's figures, as far as the ramp ran
     * @param kneeRps         saturation only: the highest rate within the SLO
     * @param kneeVerdict     saturation only: {@code FOUND}, {@code ABOVE_TOP_STEP} (every step within the SLO: the
     *                        knee was not found) or {@code BELOW_FIRST_STEP}
     * @param error           when the run itself failed: why
     * @param variant         the mesh variant the run had ({@link dev.shoplab.loadtests.scenario.MeshVariant}); null:
     *                        the shipped policy, or no mesh
     * @param phases          seconds each phase of the run took, in order (reset, start, seed, warm-up, load-generator
     *                        start, load, outcome wait, drain, audit, stop)
     * @param warmUp          the warm-up and whether it met its criteria; null when the run was measured cold
     * @param processes       peak memory and CPU by process role (service JVMs, mesh, PostgreSQL, Kafka)
     * @param amplification   retry amplification along the scenario's mesh chain, predicted and measured; null
     *                        without a mesh chain
     * @param kafka           the records the architecture wrote to Kafka during the load; null without a broker
     * @param startCpuSeconds CPU-seconds its processes used to start, until ready (class-data sharing lowers it)
     * @param meshEjections   endpoints the mesh's outlier detection ejected after the warm-up (load, outcome wait,
     *                        drain), by destination (empty without a mesh or an ejection)
     * @param cdsRecorded     JVMs of the run (services and mesh) that started without a class-data sharing archive and
     *                        recorded one (the first run of each in a fresh checkout): their start cost and memory
     *                        are those of a JVM without one; null when not known
     */
    public record Details(List<LoadStatistics.Second> series, List<double[]> faultWindows, List<String> events,
                          List<String> auditExamples, Map<String, Long> meshTries, double gatlingCpuSeconds,
                          double pollsPerOrder, String gatlingReport, String logs, double drainSeconds, List<Step> steps,
                          Double kneeRps, String kneeVerdict, String error, String variant, Map<String, Double> phases,
                          WarmUp warmUp, Map<String, ProcessCost> processes, Amplification amplification,
                          KafkaTraffic kafka, Double startCpuSeconds, Map<String, Long> meshEjections,
                          Integer cdsRecorded) {
    }

    /**
     * What an architecture wrote to Kafka while the load lasted ({@code measure.EventTraffic}).
     *
     * @param recordsByTopic  records by topic
     * @param eventsPerOrder  records per order submitted during the load
     * @param meanRecordBytes mean size of a record (key, value, headers), from a sample
     * @param partitions      the most partitions of a topic written to
     */
    public record KafkaTraffic(Map<String, Long> recordsByTopic, double eventsPerOrder, double meanRecordBytes,
                               int partitions) {
    }
}
