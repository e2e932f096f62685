package dev.shoplab.loadtests.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scenario catalogue reads as docs/DESIGN.md lists it, and a bad file names the field that is wrong. */
class ScenarioCatalogueTest {

    @TempDir
    Path dir;

    @Test
    void the_catalogue_holds_every_scenario_of_the_design_in_its_order() {
        List<Scenario> catalogue = ScenarioCatalogue.load(LabHome.locate().artifact("load-tests/scenarios"));
        assertEquals(ScenarioCatalogue.ORDER, catalogue.stream().map(Scenario::name).toList());
        Scenario slow = catalogue.get(1);
        assertEquals("psp-slow", slow.name());
        assertEquals(Duration.ofSeconds(5), slow.faults(false).get(0).at());
        assertEquals(Duration.ofSeconds(15), slow.faults(false).get(0).lasting());
        assertEquals(1000, slow.faults(false).get(0).settings().get("latencyMs"));
        assertTrue(catalogue.stream().filter(s -> s.name().equals("broker-restart")).findFirst().orElseThrow()
                .appliesTo().equals(Set.of("event-driven")));
        assertTrue(catalogue.stream().filter(s -> s.name().equals("saturation")).findFirst().orElseThrow().isSaturation());
    }

    @Test
    void quick_faults_fall_inside_the_quick_load() {
        for (Scenario s : ScenarioCatalogue.load(LabHome.locate().artifact("load-tests/scenarios"))) {
            for (Fault f : s.faults(true)) {
                assertTrue(f.end().compareTo(s.loadDuration(true)) <= 0, s.name() + ": " + f.describe());
            }
        }
    }

    private static final String HEAD = "title: t\ndescription: d\nlookFor: l\n";
    private static final String LOAD = "load: {rate: 10, duration: 30}\n";

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("missing title", "description: d\nlookFor: l\n" + LOAD, "missing field 'title'"),
                Arguments.of("unknown field", HEAD + LOAD + "speed: 3", "unknown field 'speed'"),
                Arguments.of("rate not a number", HEAD + "load: {rate: fast, duration: 30}", "load.rate: string found, number expected"),
                Arguments.of("duration too short", HEAD + "load: {rate: 10, duration: 1}",
                        "load.duration: must have a minimum value of 5"),
                Arguments.of("unknown action", HEAD + LOAD + "faults: [{action: meteor, at: 1, for: 2}]",
                        "faults[0].action: must be one of ["),
                Arguments.of("fault after the load", HEAD + LOAD + "faults: [{action: psp, at: 25, for: 10, down: true}]",
                        "faults[0]: at + for = 35 s ends after the load"),
                Arguments.of("error rate above one", HEAD + LOAD + "faults: [{action: psp, at: 5, for: 10, errorRate: 1.5}]",
                        "faults[0].errorRate: must have a maximum value of 1"),
                Arguments.of("error and timeout rates above one together", HEAD + LOAD
                                + "faults: [{action: psp, at: 5, for: 10, errorRate: 0.8, timeoutRate: 0.5}]",
                        "faults[0].errorRate + timeoutRate: 0.8 + 0.5 is more than 1"),
                Arguments.of("kill without target", HEAD + LOAD + "faults: [{action: kill, at: 5, for: 10}]",
                        "faults[0]: missing field 'target'"),
                Arguments.of("unknown architecture", HEAD + "appliesTo: [mainframe]\n" + LOAD,
                        "appliesTo[0]: must be one of ["),
                Arguments.of("bad stock", HEAD + LOAD + "stock: {SKU-0001: -4}", "stock.SKU-0001"),
                Arguments.of("bad sku", HEAD + LOAD + "stock: {apples: 4}", "stock"),
                Arguments.of("rate and steps", HEAD + "load: {rate: 10, duration: 30, steps: [5, 10]}",
                        "load: give either rate and duration, or steps and stepSeconds"),
                Arguments.of("rate without duration", HEAD + "load: {rate: 10}", "load: missing field 'duration'"),
                Arguments.of("psp fault without a setting", HEAD + LOAD + "faults: [{action: psp, at: 5, for: 10}]",
                        "faults[0]: a psp fault needs at least one of latencyMs"),
                Arguments.of("slo without steps", HEAD + LOAD + "slo: {outcomeP99Ms: 1000}",
                        "slo needs load.steps"),
                Arguments.of("typo in a fault", HEAD + LOAD + "faults: [{action: psp, at: 5, for: 10, latencyMS: 9}]",
                        "faults[0]: unknown field 'latencyMS'"),
                Arguments.of("quick on an architecture the scenario does not apply to",
                        HEAD + "appliesTo: [monolith]\n" + LOAD + "quick: {appliesTo: [event-driven]}",
                        "quick.appliesTo: event-driven is not in appliesTo"),
                Arguments.of("mesh variant that changes nothing", HEAD + LOAD
                        + "mesh: {variants: [{name: same, description: d}]}",
                        "mesh.variants[0]: a variant changes something"),
                Arguments.of("mesh variant that restates the shipped policy", HEAD + LOAD
                        + "mesh: {variants: [{name: shipped, description: d, outlierDetection: true}]}",
                        "mesh.variants[0].outlierDetection: true is the shipped policy"),
                Arguments.of("mesh variant that contradicts itself", HEAD + LOAD
                        + "mesh: {variants: [{name: x, description: d, outlierDetection: false, consecutive5xxErrors: 9}]}",
                        "contradict each other"),
                Arguments.of("two mesh variants of one name", HEAD + LOAD + "mesh: {variants: ["
                        + "{name: x, description: d, outlierDetection: false}, {name: x, description: e, "
                        + "consecutive5xxErrors: 9}]}", "mesh.variants[1].name: 'x' is used twice"),
                Arguments.of("mesh variant with a bad name", HEAD + LOAD
                        + "mesh: {variants: [{name: 'No Way', description: d, outlierDetection: false}]}",
                        "mesh.variants[0].name"),
                Arguments.of("a ramp that stops after a negative count", HEAD
                        + "load: {steps: [5, 10]}\nslo: {outcomeP99Ms: 1000, stopAfterBrokenSteps: -1}",
                        "slo.stopAfterBrokenSteps: must have a minimum value of 0"));
    }

    @Test
    void the_saturation_ramp_is_geometric_and_stops_after_two_broken_steps() {
        Scenario saturation = ScenarioCatalogue.load(LabHome.locate().artifact("load-tests/scenarios")).stream()
                .filter(s -> s.name().equals("saturation")).findFirst().orElseThrow();
        assertEquals(2, saturation.stopAfterBrokenSteps());
        List<Double> rates = saturation.phases(false, null).stream().map(p -> p.ratePerSecond()).toList();
        for (int i = 1; i < rates.size(); i++) {
            double factor = rates.get(i) / rates.get(i - 1);
            assertTrue(factor > 1.2 && factor < 1.4, "about 30 % a step: " + rates.get(i - 1) + " → " + rates.get(i));
        }
        assertTrue(rates.get(rates.size() - 1) >= 500, "the top step is far above every knee seen: " + rates);
    }

    @Test
    void the_mesh_retry_storm_runs_the_distributed_monolith_twice_also_in_quick_mode() {
        Scenario storm = ScenarioCatalogue.load(LabHome.locate().artifact("load-tests/scenarios")).stream()
                .filter(s -> s.name().equals("mesh-retry-storm")).findFirst().orElseThrow();
        assertEquals(List.of("payment-service", "psp-simulator"), storm.meshChain());
        assertEquals(1, storm.meshVariants().size());
        assertEquals(Boolean.FALSE, storm.meshVariants().get(0).outlierDetection());
        assertTrue(storm.runsOn("distributed-monolith", true), "--quick includes the storm for the distributed monolith");
        assertFalse(storm.runsOn("monolith", true));
        assertFalse(storm.runsOn("monolith", false));
    }

    @Test
    void quick_applies_to_limits_a_quick_run_and_leaves_the_full_one_alone() throws Exception {
        Path file = dir.resolve("partial.yaml");
        Files.writeString(file, HEAD + LOAD + "quick: {appliesTo: [distributed-monolith]}\n");
        Scenario s = ScenarioCatalogue.read(file);
        assertTrue(s.runsOn("monolith", false));
        assertFalse(s.runsOn("monolith", true));
        assertTrue(s.runsOn("distributed-monolith", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void a_bad_file_gets_an_error_naming_the_file_and_the_field(String caseName, String yaml, String expected)
            throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, yaml);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioCatalogue.read(file));
        assertTrue(e.getMessage().contains(expected), caseName + " -> " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), "the error must name the file: " + e.getMessage());
    }

    @Test
    void a_file_that_is_not_yaml_is_reported_as_such() throws Exception {
        Path file = dir.resolve("garbage.yaml");
        Files.writeString(file, "title: [unclosed\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioCatalogue.read(file));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    static Stream<Arguments> wrongLiveFaults() {
        return Stream.of(
                Arguments.of("{\"action\":\"psp\",\"errorRate\":2}", "fault.errorRate: must have a maximum value of 1"),
                Arguments.of("{\"action\":\"psp\"}", "a psp fault needs at least one of latencyMs"),
                Arguments.of("{\"action\":\"kill\"}", "missing field 'target'"),
                Arguments.of("{\"action\":\"kill\",\"target\":\"mainframe\"}", "fault.target"),
                Arguments.of("{\"action\":\"mesh\"}", "fault"),
                Arguments.of("{\"action\":\"mesh\",\"perTryTimeout\":\"soon\"}", "fault.perTryTimeout"),
                Arguments.of("{\"action\":\"mesh\",\"perTryTimeout\":\"0s\"}",
                        "fault.perTryTimeout: 0s is no timeout; give at least 1ms"),
                Arguments.of("{\"action\":\"mail\",\"errorRate\":0.8,\"timeoutRate\":0.5}",
                        "fault.errorRate + timeoutRate: 0.8 + 0.5 is more than 1"),
                Arguments.of("{\"action\":\"psp\",\"down\":true,\"attempts\":1}",
                        "fault.attempts: belongs to mesh faults, not to a psp fault"),
                Arguments.of("{\"action\":\"mesh\",\"attempts\":1,\"down\":true}",
                        "fault.down: belongs to psp and mail faults, not to a mesh fault"),
                Arguments.of("{\"action\":\"psp\",\"down\":true,\"at\":5}", "fault.at: a fault applied live starts at once"),
                Arguments.of("{\"action\":\"psp\",\"down\":true,\"for\":0}", "fault.for: must have a minimum value of 1"),
                Arguments.of("[1,2]", "expected a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongLiveFaults")
    void a_wrong_live_fault_is_refused_naming_the_field(String json, String expected) throws Exception {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioCatalogue.liveFault(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)));
        assertTrue(e.getMessage().contains(expected), json + " -> " + e.getMessage());
    }

    @Test
    void a_live_fault_without_for_lasts_five_minutes() throws Exception {
        Fault f = ScenarioCatalogue.liveFault(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"action\":\"mesh\",\"attempts\":0,\"outlierDetection\":false}"));
        assertEquals(Fault.Action.MESH, f.action());
        assertEquals(Duration.ofMinutes(5), f.lasting());
        assertEquals(0, f.settings().get("attempts"));
        assertEquals(false, f.settings().get("outlierDetection"));
        Fault kill = ScenarioCatalogue.liveFault(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"action\":\"kill\",\"target\":\"payment-service\",\"for\":15}"));
        assertEquals("payment-service", kill.target());
        assertEquals(Duration.ofSeconds(15), kill.lasting());
    }

    @Test
    void a_live_crash_or_server_restart_without_for_comes_back_as_the_fault_verbs_do() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(Duration.ofSeconds(15), ScenarioCatalogue.liveFault(json.readTree(
                "{\"action\":\"kill\",\"target\":\"payment\"}")).lasting(), "./shoplab fault kill restarts after 15 s");
        assertEquals(Duration.ofSeconds(10), ScenarioCatalogue.liveFault(json.readTree(
                "{\"action\":\"restart-database\"}")).lasting(), "./shoplab fault db-restart: down for 10 s");
        assertEquals(Duration.ofSeconds(10), ScenarioCatalogue.liveFault(json.readTree(
                "{\"action\":\"restart-broker\"}")).lasting());
        assertEquals(Duration.ofSeconds(40), ScenarioCatalogue.liveFault(json.readTree(
                "{\"action\":\"kill\",\"target\":\"payment\",\"for\":40}")).lasting(), "a for given is kept");
    }
}
