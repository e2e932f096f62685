package dev.shoplab.loadtests.scenario;

import dev.shoplab.loadtests.simulation.LoadSettings.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the scenario catalogue ({@code load-tests/scenarios/<name>.yaml}): the load shape, the
 * fault timeline, and what a reader of the report should look for.
 *
 * @param name          file name without extension, used with {@code --scenario}
 * @param title         a short human title
 * @param description   what is injected, in a sentence or two
 * @param lookFor       what to look for in the report
 * @param phases        arrival-rate phases of a full run
 * @param quickPhases   arrival-rate phases of a {@code --quick} run
 * @param inQuickMatrix whether {@code --quick} runs it at all
 * @param clientRetries how often clients retry a failed POST with the same key
 * @param requestTimeout how long a client waits for one answer
 * @param skuCount      orders draw skus from SKU-0001 … SKU-{skuCount}
 * @param stock         stock overrides applied with the seed (small stock provokes contention)
 * @param faults        the fault timeline
 * @param quickFaults   the fault timeline of a quick run (the same faults, compressed)
 * @param appliesTo     the architectures this scenario makes sense for
 * @param quickAppliesTo the architectures {@code --quick} runs it on (a subset of {@code appliesTo})
 * @param sloOutcomeP99 for saturation: the outcome p99 that defines the knee
 * @param stopAfterBrokenSteps for saturation: the ramp stops after this many steps in a row broke the SLO
 *                      (0: every step runs)
 * @param meshChain     for an architecture with a mesh: the destinations from the edge to the PSP, in order, whose
 *                      retries multiply (the retry-amplification prediction); empty when not given
 * @param meshVariants  for an architecture with a mesh: more runs with the mesh policy changed (the shipped
 *                      policy always runs first)
 */
public record Scenario(String name, String title, String description, String lookFor, List<Phase> phases,
                       List<Phase> quickPhases, boolean inQuickMatrix, int clientRetries, Duration requestTimeout,
                       int skuCount, Map<String, Integer> stock, List<Fault> faults, List<Fault> quickFaults,
                       Set<String> appliesTo, Set<String> quickAppliesTo, Duration sloOutcomeP99,
                       int stopAfterBrokenSteps, List<String> meshChain, List<MeshVariant> meshVariants) {

    /** The phases of a run in the given mode, the rate of each scaled when {@code rate} overrides the first phase. */
    public List<Phase> phases(boolean quick, Double rate) {
        List<Phase> chosen = quick ? quickPhases : phases;
        if (rate == null) {
            return chosen;
        }
        double factor = rate / chosen.get(0).ratePerSecond();
        return chosen.stream().map(p -> new Phase(p.ratePerSecond() * factor, p.duration())).toList();
    }

    public List<Fault> faults(boolean quick) {
        return quick ? quickFaults : faults;
    }

    /** Total load time of a run. */
    public Duration loadDuration(boolean quick) {
        return (quick ? quickPhases : phases).stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    public boolean appliesTo(String architecture) {
        return appliesTo.contains(architecture);
    }

    /** Whether a run of the given mode runs this scenario on {@code architecture}. */
    public boolean runsOn(String architecture, boolean quick) {
        return quick ? inQuickMatrix && quickAppliesTo.contains(architecture) : appliesTo.contains(architecture);
    }

    /** True for the scenario that steps the rate to find the knee. */
    public boolean isSaturation() {
        return sloOutcomeP99 != null;
    }
}
