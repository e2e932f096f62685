package dev.shoplab.loadtests.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bench's CPU figure for a process tree whose children end during the run, as PostgreSQL's backends do when an
 * architecture's connections close (a killed monolith, a restarted database): what a child used before the run
 * started is not the run's, and what it used during the run counts once — not again when its parent reaps it.
 */
class ResourceSamplerTest {

    /** A shell loop's iterations: the same work each time, so its CPU time is proportional to the count. */
    private static final int BEFORE = 400_000;
    private static final int DURING = 120_000;

    @Test
    void a_child_that_ends_during_the_run_counts_once_and_only_for_what_it_used_during_it() throws Exception {
        // a parent whose child burns CPU, says so, waits for a line, burns less, and ends; the parent reaps it
        String burn = "i=0; while [ $i -lt %d ]; do i=$((i+1)); done";
        Process parent = new ProcessBuilder("bash", "-c", "( " + burn.formatted(BEFORE) + "; echo ready; read go; "
                + burn.formatted(DURING) + " ); echo done; read end").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8)); Writer in = parent.outputWriter()) {
            assertEquals("ready", out.readLine());
            long child = parent.toHandle().children().findFirst().orElseThrow().pid();
            double before = ResourceSampler.treeTicks(List.of(ProcessHandle.of(child).orElseThrow()))
                    / (double) ResourceSampler.ticksPerSecond();

            ResourceSampler sampler = new ResourceSampler(() -> Map.of("postgres", parent.pid())).start();
            in.write("go\n");
            in.flush();
            assertEquals("done", out.readLine()); // the child has ended and been reaped
            sampler.close();

            double during = sampler.cpuSeconds();
            // the child's later burn is ≈ DURING / BEFORE of its first; counted twice, or with its first burn, the
            // figure would be above its whole first burn
            assertTrue(before >= 0.2, "the first burn took " + before + " CPU-s: too little to tell apart");
            assertTrue(during > 0.1 * before && during < 0.7 * before, "the child used " + before
                    + " CPU-s before the run and ≈ " + (before * DURING / BEFORE) + " during it; counted " + during);
            assertEquals(during, sampler.cpuSecondsByRole().get("postgres"), 0.01);
            in.write("end\n");
        } finally {
            parent.destroy();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_machine_busy_time_is_user_nice_system_irq_softirq_and_steal() {
        // proc(5): cpu user nice system idle iowait irq softirq steal guest guest_nice
        assertEquals(100 + 5 + 50 + 3 + 2 + 1, ResourceSampler.busyTicks("cpu  100 5 50 1000 20 3 2 1 7 0"));
        assertEquals(-1, ResourceSampler.busyTicks("cpu0 100 5 50 1000 20 3 2 1 7 0"), "one core's line is not it");
        assertEquals(-1, ResourceSampler.busyTicks("intr 1 2 3"));
    }

    @Test
    void a_stretch_of_the_run_says_how_many_cores_the_processes_and_the_machine_kept_busy() throws Exception {
        Process spin = new ProcessBuilder("bash", "-c", "while :; do :; done").start();
        try {
            long from = System.currentTimeMillis();
            ResourceSampler sampler = new ResourceSampler(() -> Map.of("spin", spin.pid())).start();
            // beside it, one with no process at all: sampled as long, by the time the first has its figure
            ResourceSampler nothing = new ResourceSampler(Map::of).start();
            try {
                // a sample a second: three of them span two seconds
                Optional<ResourceSampler.CoresBusy> busy = await().atMost(Duration.ofSeconds(20))
                        .until(() -> sampler.coresBusy(from, System.currentTimeMillis())
                                .filter(b -> System.currentTimeMillis() - from >= 2500), Optional::isPresent);
                ResourceSampler.CoresBusy b = busy.orElseThrow();
                assertTrue(b.processes() > 0.3 && b.processes() <= 1.1,
                        "a shell spinning on one core, measured at " + b.processes() + " cores");
                long hostCpus;
                try (Stream<String> stat = Files.lines(Path.of("/proc/stat"))) {
                    hostCpus = stat.filter(l -> l.matches("cpu\\d+ .*")).count();
                }
                assertTrue(b.machine() != null && b.machine() >= b.processes() - 0.1 && b.machine() <= hostCpus + 0.05,
                        "the machine (every CPU of the host) is at least as busy as the spinning shell: " + b);
                assertEquals(Optional.empty(), sampler.coresBusy(from - 60_000, from - 30_000),
                        "no sample in a stretch before the start");
                nothing.close();
                assertEquals(Optional.empty(), nothing.coresBusy(from, System.currentTimeMillis()),
                        "no process to measure (a deployed shop): no figure, not 0 cores of this machine");
            } finally {
                sampler.close();
            }
        } finally {
            spin.destroy();
            spin.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
