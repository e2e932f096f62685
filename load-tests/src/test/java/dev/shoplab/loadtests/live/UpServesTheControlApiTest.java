package dev.shoplab.loadtests.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./shoplab up} serves the same control API as the demo (found through the lab's {@code LabControl}): a verb
 * from a second terminal drives it, and it is gone with the command.
 */
class UpServesTheControlApiTest {

    @TempDir
    Path state;

    @Test
    void up_monolith_is_driven_by_the_verbs_and_withdraws_its_control_file_when_it_stops() throws Exception {
        String before = System.getProperty("shoplab.state-dir");
        System.setProperty("shoplab.state-dir", state.toString());
        try (DemoProcess up = DemoProcess.up("monolith", state, state.resolve("up.out"), Duration.ofMinutes(4))) {
            assertTrue(Files.list(state.resolve("control")).anyMatch(f -> f.toString().endsWith(up.pid() + ".json")),
                    "up publishes where its control API is");
            // the control API takes the token as every admin endpoint does: the scheme in any case, the token exactly
            assertEquals(200, DemoProcess.get(up.pageUrl() + "/api/lab", Optional.of("bearer " + up.token())).statusCode());
            assertEquals(401, DemoProcess.get(up.pageUrl() + "/api/lab", Optional.of("Bearer " + up.token() + "x"))
                    .statusCode());
            assertEquals(0, shoplab("load", "--rate", "4"));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    up.api("GET", "/api/lab/stats", null).path("architectures").path("monolith").path("concluded")
                            .asInt() > 0);
            assertEquals(0, shoplab("fault", "psp", "--error-rate", "1", "--for", "30"));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    up.api("GET", "/api/lab/stats", null).path("architectures").path("monolith").path("failed")
                            .asInt() > 0);
            assertTrue(up.output().contains("on:  PSP 100 % errors for 30 s"), "up tells its terminal what happens:\n"
                    + up.output());
            assertEquals(0, shoplab("fault", "clear"));
            assertTrue(up.terminate(Duration.ofMinutes(1)), up.output());
            assertTrue(Files.list(state.resolve("control")).findAny().isEmpty(), "the control file is withdrawn");
            assertEquals(2, shoplab("stats"));
        } finally {
            if (before == null) {
                System.clearProperty("shoplab.state-dir");
            } else {
                System.setProperty("shoplab.state-dir", before);
            }
        }
    }

    private static int shoplab(String... args) {
        return Verbs.run(args).code();
    }
}
