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
 * @param sloOutcomeP99 for saturation: the outcome p99 that defines the knee
 */
public record Scenario(String name, String title, String description, String lookFor, List<Phase> phases,
                       List<Phase> quickPhases, boolean inQuickMatrix, int clientRetries, Duration requestTimeout,
                       int skuCount, Map<String, Integer> stock, List<Fault> faults, List<Fault> quickFaults,
                       Set<String> appliesTo, Duration sloOutcomeP99) {

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

    /** True for the scenario that steps the rate to find the knee. */
    public boolean isSaturation() {
        return sloOutcomeP99 != null;
    }
}
