package dev.shoplab.loadtests.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One scenario file as written ({@code load-tests/scenarios/<name>.yaml}), bound after the file passed
 * {@code shoplab/scenario.schema.json}; absent optional fields are {@code null}. {@link ScenarioCatalogue} turns it
 * into a {@link Scenario} with every default filled in.
 */
record ScenarioFile(String title, String description, String lookFor, List<String> appliesTo, Load load,
                    Quick quick, Map<String, Integer> stock, List<FaultEntry> faults, Slo slo, Mesh mesh) {

    /** Either {@code rate} and {@code duration} (s), or {@code steps} (orders/s) and {@code stepSeconds}. */
    record Load(Double rate, Integer duration, List<Double> steps, Integer stepSeconds, Integer clientRetries,
                Integer requestTimeoutSeconds, Integer skuCount) {
    }

    /** How {@code --quick} runs the scenario. */
    record Quick(Boolean include, Integer duration, Integer stepSeconds, List<String> appliesTo) {
    }

    /** One fault of the timeline; {@code at} and {@code for} in seconds from the start of the load. */
    record FaultEntry(String action, Integer at, @JsonProperty("for") Integer lasting, String target,
                      Integer latencyMs, Integer jitterMs, Double errorRate, Double timeoutRate, Boolean down,
                      Integer attempts, String perTryTimeout, Boolean outlierDetection) {
    }

    /** The saturation SLO: the outcome p99 (ms) that defines the knee, and when the ramp stops. */
    record Slo(Integer outcomeP99Ms, Integer stopAfterBrokenSteps) {
    }

    /** For an architecture with a service mesh: the chain to the PSP, and the policies to run it under. */
    record Mesh(List<String> chain, List<Variant> variants) {

        /** One more run with the mesh policy changed through the mesh's admin API. */
        record Variant(String name, String description, Boolean outlierDetection, Integer consecutive5xxErrors) {
        }
    }
}
