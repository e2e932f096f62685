package dev.shoplab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that starts a stack says which processes of other lab commands already share the machine. */
class OtherLabCommandsTest {

    @TempDir
    Path stateDir;

    @Test
    void a_live_process_of_another_command_is_named_and_none_says_nothing() {
        LabHome home = new LabHome(LabHome.locate().root(), stateDir);
        assertEquals(Optional.empty(), OtherLabCommands.warning(home, "this demo"));

        try (ManagedProcess monolith = ManagedProcess.start("monolith", List.of("sleep", "600"), Map.of(),
                stateDir.resolve("monolith.log"), new ProcessLedger(home.pidDir()), "TERM", Duration.ofSeconds(5))) {
            assertEquals(Optional.of("warning: 1 process(es) of other lab commands are running (monolith pid "
                    + monolith.pid() + "); they compete with this demo for CPU. './shoplab status' shows them,"
                    + " './shoplab down' stops them."), OtherLabCommands.warning(home, "this demo"));
        }
        assertEquals(Optional.empty(), OtherLabCommands.warning(home, "this demo"), "a stopped one is not named");
    }
}
