package dev.shoplab.loadtests.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.loadtests.cli.EnvCommand;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A verb run when nothing runs says so and exits 2; it starts nothing and makes no control token. */
class LabVerbsWithoutLabTest {

    @TempDir
    Path state;
    private String before;

    @BeforeEach
    void emptyLab() {
        before = System.getProperty("shoplab.state-dir");
        System.setProperty("shoplab.state-dir", state.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("shoplab.state-dir");
        } else {
            System.setProperty("shoplab.state-dir", before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"load --rate 5", "load --stop", "fault psp --down --for 20", "fault kill payment-service",
            "fault db-restart", "fault broker-restart", "fault mesh --attempts 0", "fault clear", "fault list",
            "stats", "stats --json", "audit", "env"})
    void says_nothing_is_running_and_exits_2(String command) {
        Verbs verb = Verbs.run(command.split(" "));
        assertEquals(2, verb.code(), verb.text());
        assertTrue(verb.text().contains("Nothing is running: start './shoplab demo' or './shoplab up"), verb.text());
        assertTrue(!state.resolve("control-token").toFile().exists(), "a verb makes no control token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats --arch monolit", "audit --arch monolit", "load --rate 5 --arch monolit",
            "env --arch monolit"})
    void an_arch_that_is_no_architecture_is_named_as_such_not_as_not_running(String command) {
        Verbs verb = Verbs.run(command.split(" "));

        assertEquals(2, verb.code(), verb.text());
        assertTrue(verb.text().contains("'monolit' is not an architecture: use one of monolith, distributed-monolith,"
                + " event-driven."), verb.text());
    }

    @Test
    void env_unsets_every_variable_so_that_an_earlier_eval_leaves_nothing_a_lab_page_would_use() {
        Verbs env = Verbs.run("env");

        assertEquals(2, env.code(), env.text());
        assertTrue(env.text().contains("unset " + String.join(" ", EnvCommand.VARIABLES) + "\n"), env.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "up monolith", "infra up"})
    void says_which_command_runs_when_none_takes_lab_commands_yet(String command) {
        ProcessLedger ledger = new ProcessLedger(LabHome.locate().pidDir());
        ledger.describeOwner(Map.of("command", command)); // as that command does before it starts anything
        try {
            Verbs verb = Verbs.run("fault", "list");

            assertEquals(2, verb.code(), verb.text());
            assertTrue(verb.text().contains(command.equals("infra up")
                    ? "Only './shoplab infra up' runs, which has no architecture to control"
                    : "'./shoplab " + command + "' (pid " + ProcessHandle.current().pid() + ") is still starting"),
                    verb.text());
        } finally {
            ledger.forgetOwner();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"load", "load --rate 0", "load --rate 5 --stop", "fault psp", "fault mesh",
            "fault mesh --outlier-detection maybe", "fault"})
    void a_wrong_verb_is_a_usage_error_that_says_what_to_give(String command) {
        Verbs verb = Verbs.run(command.split(" "));
        assertEquals(2, verb.code(), verb.text());
        assertTrue(verb.text().matches("(?s).*(Give either|must be above|Say what|on or off|Missing fault).*"),
                verb.text());
    }
}
