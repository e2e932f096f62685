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
                    Quick quick, Map<String, Integer> stock, List<FaultEntry> faults, Slo slo) {

    /** Either {@code rate} and {@code duration} (s), or {@code steps} (orders/s) and {@code stepSeconds}. */
    record Load(Double rate, Integer duration, List<Double> steps, Integer stepSeconds, Integer clientRetries,
                Integer requestTimeoutSeconds, Integer skuCount) {
    }

    /** How {@code --quick} runs the scenario. */
    record Quick(Boolean include, Integer duration, Integer stepSeconds) {
    }

    /** One fault of the timeline; {@code at} and {@code for} in seconds from the start of the load. */
    record FaultEntry(String action, Integer at, @JsonProperty("for") Integer lasting, String target,
                      Integer latencyMs, Integer jitterMs, Double errorRate, Double timeoutRate, Boolean down,
                      Integer attempts, String perTryTimeout, Boolean outlierDetection) {
    }

    /** The saturation SLO: the outcome p99 (ms) that defines the knee. */
    record Slo(Integer outcomeP99Ms) {
    }
}
