package dev.shoplab.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.loadtests.ShoplabCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bench run as a background job or from a script is stopped with SIGTERM (a background job ignores SIGINT): it
 * must stop every process it started, as Ctrl-C does, and say where the runs that finished are. Without it, the
 * lab's PostgreSQL, Kafka, simulators and the architecture's services outlived the bench.
 */
class BenchStopsOnSigtermTest {

    @TempDir
    Path dir;

    @Test
    void sigterm_stops_every_process_the_bench_started_and_says_where_its_results_are() throws Exception {
        LabHome home = LabHome.locate();
        Path state = Files.createDirectories(dir.resolve("state"));
        Path output = dir.resolve("bench.out");
        Process bench = ShoplabCommand.start(state, output, List.of("bench", "--quick", "--arch", "monolith",
                "--scenario", "baseline", "--durability", "relaxed", "--out", dir.resolve("report").toString()));
        try {
            ProcessLedger ledger = new ProcessLedger(new LabHome(home.root(), state).pidDir());
            // the monolith is the last process a run starts: from then on the bench owns servers and services
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(bench.isAlive()).as("the bench runs: %s", Files.readString(output)).isTrue();
                return Files.readString(output).contains("started and seeded");
            });
            List<OwnedProcess> started = ledger.all().stream().filter(p -> p.ownerPid() == bench.pid()).toList();
            assertThat(started).extracting(OwnedProcess::name).contains("postgres", "simulators", "monolith");

            bench.destroy(); // SIGTERM
            assertThat(bench.waitFor(2, TimeUnit.MINUTES)).as("the bench ends on SIGTERM: %s", Files.readString(output))
                    .isTrue();

            for (OwnedProcess p : started) {
                assertThat(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false))
                        .as("%s (pid %d) outlived the bench", p.name(), p.pid()).isFalse();
            }
            assertThat(Files.readString(output)).contains("Stopping everything this bench started")
                    .contains("The runs that finished are in " + dir.resolve("report"));
        } finally {
            bench.destroyForcibly();
        }
    }
}
