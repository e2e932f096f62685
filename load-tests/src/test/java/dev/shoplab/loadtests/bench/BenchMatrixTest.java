package dev.shoplab.loadtests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.lab.infra.Durability;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.loadtests.results.BenchPlan;
import dev.shoplab.loadtests.scenario.ScenarioCatalogue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which runs a bench makes: the quick matrix has the storm for the distributed monolith, under both policies. */
class BenchMatrixTest {

    private static List<String> runs(boolean quick, List<String> skipped) {
        BenchPlan plan = new BenchPlan(Architectures.all(), ScenarioCatalogue.load(
                LabHome.locate().artifact("load-tests/scenarios")), quick, null, BenchPlan.defaultWarmUp(quick),
                Path.of("out"), InfraOptions.embedded(true, Durability.DURABLE));
        return Bench.matrix(plan, skipped).stream().map(p -> p.architecture().name() + " " + p.scenario().name()
                + (p.variant() == null ? "" : " " + p.variant().name())).toList();
    }

    @Test
    void the_quick_matrix_runs_baseline_and_psp_flaky_on_each_and_the_mesh_storm_on_the_distributed_monolith() {
        List<String> skipped = new ArrayList<>();
        assertEquals(List.of("monolith baseline", "monolith psp-flaky",
                "distributed-monolith baseline", "distributed-monolith psp-flaky",
                "distributed-monolith mesh-retry-storm", "distributed-monolith mesh-retry-storm outlier-detection-off",
                "event-driven baseline", "event-driven psp-flaky"), runs(true, skipped));
        assertEquals(List.of("monolith × mesh-retry-storm (Mesh retry storm does not apply to the monolith)",
                "event-driven × mesh-retry-storm (Mesh retry storm does not apply to the event-driven)"), skipped,
                "only scenarios of the quick matrix are listed as skipped");
    }

    @Test
    void the_full_matrix_runs_every_scenario_that_applies_and_the_variant_after_the_shipped_policy() {
        List<String> runs = runs(false, new ArrayList<>());
        assertEquals(27, runs.size(), String.join("\n", runs));
        assertTrue(runs.indexOf("distributed-monolith mesh-retry-storm") + 1
                == runs.indexOf("distributed-monolith mesh-retry-storm outlier-detection-off"));
        assertTrue(runs.containsAll(List.of("monolith saturation", "distributed-monolith saturation",
                "event-driven saturation", "event-driven broker-restart")));
    }
}
