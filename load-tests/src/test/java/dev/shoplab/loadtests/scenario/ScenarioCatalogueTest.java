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
        assertEquals(Duration.ofSeconds(10), slow.faults(false).get(0).at());
        assertEquals(Duration.ofSeconds(20), slow.faults(false).get(0).lasting());
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
                        "faults[0].action: does not have a value in the enumeration"),
                Arguments.of("fault after the load", HEAD + LOAD + "faults: [{action: psp, at: 25, for: 10, down: true}]",
                        "faults[0]: at + for = 35 s ends after the load"),
                Arguments.of("error rate above one", HEAD + LOAD + "faults: [{action: psp, at: 5, for: 10, errorRate: 1.5}]",
                        "faults[0].errorRate: must have a maximum value of 1"),
                Arguments.of("kill without target", HEAD + LOAD + "faults: [{action: kill, at: 5, for: 10}]",
                        "faults[0]: missing field 'target'"),
                Arguments.of("unknown architecture", HEAD + "appliesTo: [mainframe]\n" + LOAD,
                        "appliesTo[0]: does not have a value in the enumeration"),
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
                        "faults[0]: unknown field 'latencyMS'"));
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
}
