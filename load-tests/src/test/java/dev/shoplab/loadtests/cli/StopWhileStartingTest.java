package dev.shoplab.loadtests.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.loadtests.ShoplabCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (or SIGTERM) while {@code ./shoplab up} is still starting an architecture's services side by side stops
 * every process it started, also the services whose start had not ended, and says it stopped — it left two
 * event-driven services running with no command to stop them, and printed a service's death as an error.
 */
class StopWhileStartingTest {

    @TempDir
    Path dir;

    @Test
    void sigterm_while_the_services_start_leaves_nothing_running_and_reports_no_error() throws Exception {
        LabHome home = LabHome.locate();
        Path state = Files.createDirectories(dir.resolve("state"));
        Path output = dir.resolve("up.out");
        Process up = ShoplabCommand.start(state, output, List.of("up", "event-driven", "--port",
                Integer.toString(FreePorts.pick()), "--durability", "relaxed", "--no-tracing"));
        ProcessLedger ledger = new ProcessLedger(new LabHome(home.root(), state).pidDir());
        Map<Long, OwnedProcess> seen = new ConcurrentHashMap<>();
        try {
            // the first service recorded: the others are still starting beside it
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(up.isAlive()).as("up runs: %s", Files.readString(output)).isTrue();
                ledger.all().forEach(p -> seen.put(p.pid(), p));
                return seen.values().stream().anyMatch(p -> p.name().endsWith("-service"));
            });

            up.destroy(); // SIGTERM
            assertThat(up.waitFor(2, TimeUnit.MINUTES)).as("up ends on SIGTERM: %s", Files.readString(output)).isTrue();
            ledger.all().forEach(p -> seen.put(p.pid(), p));

            // every process it started, also one recorded after the signal, is gone; nothing is left behind
            for (OwnedProcess p : seen.values()) {
                assertThat(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false))
                        .as("%s (pid %d) outlived up: %s", p.name(), p.pid(), Files.readString(output)).isFalse();
            }
            assertThat(ledger.all().stream().filter(p -> p.live().isPresent()).toList())
                    .as("no live process left in the ledger").isEmpty();
            String said = Files.readString(output);
            assertThat(said).contains("Stopping everything this run started").contains("Stopped. Logs are in")
                    .doesNotContain("SHOPLAB_DEBUG").doesNotContain("before it was ready (GET");
        } finally {
            up.destroyForcibly();
            ledger.stopEverything();
        }
    }
}
