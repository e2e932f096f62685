package dev.shoplab.lab.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.ServiceProcesses;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shoplab status} while a kill fault holds a process down, as a speaker shows it on stage: real processes
 * started, killed and started again the way a running command's faults do it ({@link ServiceProcesses}), this JVM
 * being their command.
 */
class StatusCommandTest {

    @TempDir
    Path stateDir;

    private LabHome home;
    private ProcessLedger ledger;
    private final ServiceProcesses processes = new ServiceProcesses();

    @BeforeEach
    void aStateFolderOfItsOwn() {
        home = new LabHome(LabHome.locate().root(), stateDir);
        ledger = new ProcessLedger(home.pidDir());
    }

    @AfterEach
    void noLeftovers() {
        processes.close();
        ledger.stopEverything();
    }

    @Test
    void a_process_a_fault_killed_is_shown_killed_with_its_restart_and_then_running_with_its_new_pid() {
        start("inventory-service");
        long killedPid = processes.process("inventory-service").pid();
        Instant restartsAt = Instant.now().plusSeconds(60);

        processes.kill("inventory-service", restartsAt);

        assertFalse(processes.process("inventory-service").isAlive(), "SIGKILL, as a crash");
        String shown = status();
        Matcher killed = Pattern.compile("inventory-service\\s+pid " + killedPid + "\\s+killed by a fault, restarts at "
                + ClockTime.of(restartsAt) + " \\(in (\\d+) s\\)").matcher(shown);
        assertTrue(killed.find(), "status shows the killed process and when it comes back:\n" + shown);
        long in = Long.parseLong(killed.group(1));
        assertTrue(in > 0 && in <= 60, "seconds left: " + in);
        assertFalse(shown.contains("DIED"), "a process a fault killed did not die:\n" + shown);

        ledger.reapOrphans();
        assertEquals(List.of(restartsAt), ledger.all().stream().map(OwnedProcess::restartsAt).toList(),
                "the clean-up keeps the killed process's entry while its command runs");

        Instant later = restartsAt.plusSeconds(30);
        processes.kill("inventory-service", later);
        shown = status();
        assertTrue(shown.contains("restarts at " + ClockTime.of(later)), "a second kill moves the restart:\n" + shown);

        processes.restart("inventory-service");

        long newPid = processes.process("inventory-service").pid();
        assertNotEquals(killedPid, newPid);
        shown = status();
        assertTrue(Pattern.compile("inventory-service\\s+pid " + newPid + "\\s+running").matcher(shown).find(),
                "status shows it running again, with its new pid:\n" + shown);
        assertFalse(shown.contains("pid " + killedPid + " "), "the killed pid is gone from status:\n" + shown);
    }

    @Test
    void a_process_whose_restart_failed_is_shown_down_with_its_log_until_a_restart_works() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        processes.start("inventory-service", () -> {
            if (starts.getAndIncrement() == 1) { // the restart after the kill: the service does not come up
                ManagedProcess failed = ManagedProcess.start("inventory-service",
                        List.of("sh", "-c", "echo 'port 8083 is in use'; exit 1"), Map.of(),
                        stateDir.resolve("inventory-service.log"), ledger, "TERM", Duration.ofSeconds(5));
                try {
                    failed.awaitReady(Duration.ofSeconds(30), () -> false, "it answers");
                } finally {
                    failed.close();
                }
            }
            return sleeper("inventory-service");
        });
        long killedPid = processes.process("inventory-service").pid();
        processes.kill("inventory-service", Instant.now().plusSeconds(60));

        Instant tried = Instant.now();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> processes.restart("inventory-service"));
        Instant after = Instant.now();
        assertTrue(failure.getMessage().contains("port 8083 is in use"), failure.getMessage());

        String shown = status();
        Matcher failed = Pattern.compile("inventory-service\\s+pid " + killedPid
                + "\\s+killed by a fault; its restart at (\\d\\d:\\d\\d:\\d\\d) FAILED; \\S+inventory-service\\.log ends:\n"
                + "\\s+\\| port 8083 is in use").matcher(shown);
        assertTrue(failed.find(), "status shows the service down, that its restart failed, and why:\n" + shown);
        List<String> secondsOfTheRestart = new ArrayList<>();
        for (Instant t = tried.minusSeconds(1); !t.isAfter(after.plusSeconds(1)); t = t.plusSeconds(1)) {
            secondsOfTheRestart.add(ClockTime.of(t));
        }
        assertTrue(secondsOfTheRestart.contains(failed.group(1)), "the time of the failed restart: " + failed.group(1)
                + ", tried within " + secondsOfTheRestart);
        assertFalse(shown.contains("DIED"), "the failed start's process is not a second entry:\n" + shown);

        processes.restart("inventory-service");

        shown = status();
        long newPid = processes.process("inventory-service").pid();
        assertTrue(Pattern.compile("inventory-service\\s+pid " + newPid + "\\s+running").matcher(shown).find(), shown);
        assertFalse(shown.contains("FAILED") || shown.contains("pid " + killedPid + " "),
                "a restart that works drops the failed one:\n" + shown);
    }

    @Test
    void a_kill_that_comes_while_the_service_restarts_kills_the_new_process_not_the_old_one() throws Exception {
        CountDownLatch inRestart = new CountDownLatch(1);
        CountDownLatch finishRestart = new CountDownLatch(1);
        AtomicInteger starts = new AtomicInteger();
        processes.start("inventory-service", () -> {
            if (starts.getAndIncrement() > 0) { // a restart that takes its time, as a JVM's start does
                inRestart.countDown();
                awaitQuietly(finishRestart);
            }
            return sleeper("inventory-service");
        });
        processes.kill("inventory-service", Instant.now().plusSeconds(60));
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> processes.restart("inventory-service"));
        assertTrue(inRestart.await(30, TimeUnit.SECONDS), "the restart began");

        Thread secondKill = new Thread(() -> processes.kill("inventory-service", Instant.now().plusSeconds(90)));
        secondKill.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> secondKill.getState() == Thread.State.WAITING);
        finishRestart.countDown();
        restart.get(30, TimeUnit.SECONDS);
        secondKill.join(TimeUnit.SECONDS.toMillis(30));

        ManagedProcess restarted = processes.process("inventory-service");
        assertFalse(restarted.isAlive(), "the kill reached the process the restart started");
        assertTrue(status().contains("pid " + restarted.pid() + " "), status());
    }

    @Test
    void a_restart_that_ends_after_the_architecture_stopped_leaves_no_process_behind() throws Exception {
        CountDownLatch inRestart = new CountDownLatch(1);
        CountDownLatch finishRestart = new CountDownLatch(1);
        AtomicInteger starts = new AtomicInteger();
        List<ManagedProcess> started = new CopyOnWriteArrayList<>();
        processes.start("inventory-service", () -> {
            if (starts.getAndIncrement() > 0) { // the restart, still starting when the architecture is stopped
                inRestart.countDown();
                awaitQuietly(finishRestart);
            }
            ManagedProcess process = sleeper("inventory-service");
            started.add(process);
            return process;
        });
        processes.kill("inventory-service", Instant.now().plusSeconds(60));
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> processes.restart("inventory-service"));
        assertTrue(inRestart.await(30, TimeUnit.SECONDS), "the restart began");

        processes.close(); // Ctrl-C while the fault's restart is under way
        finishRestart.countDown();
        restart.get(30, TimeUnit.SECONDS);

        assertEquals(2, started.size());
        assertFalse(started.get(1).isAlive(), "the process the late restart started was stopped");
        assertEquals(List.of(), ledger.all(), "no pid file left behind");
    }

    @Test
    void a_server_a_restart_fault_stopped_is_shown_stopped_until_it_starts_again() {
        ManagedProcess broker = ManagedProcess.start("kafka", List.of("sleep", "600"), Map.of(),
                stateDir.resolve("kafka.log"), ledger, "TERM", Duration.ofSeconds(5));
        Instant restartsAt = Instant.now().plusSeconds(20);

        broker.stopUntil(restartsAt);

        assertFalse(broker.isAlive(), "stopped with its stop signal");
        String shown = status();
        assertTrue(Pattern.compile("kafka\\s+pid " + broker.pid() + "\\s+stopped by a fault, restarts at "
                + ClockTime.of(restartsAt) + " \\(in \\d+ s\\)").matcher(shown).find(), shown);
        assertFalse(shown.contains("DIED"), shown);
        broker.close();
        assertEquals(List.of(), ledger.all(), "its pid file goes when it is started again or its command stops");
    }

    @Test
    void two_services_of_the_same_role_are_told_apart_by_their_architecture() {
        for (String architecture : List.of("event-driven", "distributed-monolith")) {
            ManagedProcess.start("inventory-service", List.of("sleep", "600"), Map.of(),
                    stateDir.resolve(architecture + "-inventory-service.log"), ledger, "TERM", Duration.ofSeconds(5));
        }
        start("mesh");

        List<String> lines = status().lines().filter(line -> line.startsWith("  ")).toList();

        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("  distributed-monolith-inventory-service pid \\d+ +running"), lines.get(0));
        assertTrue(lines.get(1).matches("  event-driven-inventory-service {9}pid \\d+ +running"), lines.get(1));
        assertTrue(lines.get(2).matches("  mesh {35}pid \\d+ +running"), "a name its log does not qualify: " + lines.get(2));
    }

    @Test
    void a_command_asked_to_stop_is_shown_stopping_with_what_it_still_runs() {
        start("mesh");
        ledger.describeOwner(Map.of("command", "up distributed-monolith", "edge", "http://127.0.0.1:8080"));
        ledger.markOwnerStopping();

        List<String> lines = status().lines().toList();

        long self = ProcessHandle.current().pid();
        assertTrue(lines.contains("up distributed-monolith (pid " + self + "), stopping, edge http://127.0.0.1:8080"),
                lines.toString());
        ledger.forgetOwner();
    }

    @Test
    void down_stops_what_runs_and_drops_a_killed_process_s_entry() {
        start("inventory-service");
        start("payment-service");
        ManagedProcess payment = processes.process("payment-service");
        processes.kill("inventory-service", Instant.now().plusSeconds(60));

        List<OwnedProcess> stopped = ledger.stopEverything();

        assertEquals(List.of("payment-service"), stopped.stream().map(OwnedProcess::name).toList());
        // down stops by pid (another JVM's processes); this JVM's Process records the exit a moment after it
        await().atMost(Duration.ofSeconds(10)).until(() -> !payment.isAlive());
        assertEquals(List.of(), ledger.all(), "pid files left behind");
    }

    @Test
    void a_running_service_that_reports_itself_not_live_is_shown_so_with_the_check_that_is_down() throws Exception {
        // a service whose liveness check answers as SmallRye Health does once a consumer loop died (MessagingLiveness)
        AtomicInteger code = new AtomicInteger(503);
        HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/q/health/live", exchange -> {
            byte[] body = (code.get() == 200
                    ? "{\"status\":\"UP\",\"checks\":[{\"name\":\"messaging-loops\",\"status\":\"UP\","
                            + "\"data\":{\"dead\":\"none\"}}]}"
                    : "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"messaging-loops\",\"status\":\"DOWN\","
                            + "\"data\":{\"dead\":\"event-consumer-0 ended by java.lang.StackOverflowError\"}},"
                            + "{\"name\":\"Database connections health check\",\"status\":\"UP\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        try {
            int port = health.getAddress().getPort();
            String url = "http://127.0.0.1:" + port + "/q/health/live";
            ManagedProcess service = ManagedProcess.start("order-service", List.of("sleep", "600"), Map.of(),
                    stateDir.resolve("order-service.log"), ledger, "TERM", Duration.ofSeconds(5), url);

            String shown = status();
            assertTrue(line(service, "running, NOT LIVE: messaging-loops (dead: event-consumer-0 ended by "
                    + "java.lang.StackOverflowError)").matcher(shown).find(), shown);
            assertFalse(shown.contains("Database connections"), "only the checks that are down:\n" + shown);

            code.set(200);
            String live = status();
            assertTrue(line(service, "running").matcher(live).find(), "live again, just running:\n" + live);

            health.stop(0);
            String silent = status();
            assertTrue(line(service, "running, not listening yet on " + port + " (starting?)").matcher(silent).find(),
                    silent);
            service.close();
        } finally {
            health.stop(0);
        }
    }

    /** The status line of {@code process}, ending with {@code said}. */
    private static Pattern line(ManagedProcess process, String said) {
        return Pattern.compile("pid " + process.pid() + "\\s+" + Pattern.quote(said) + "$", Pattern.MULTILINE);
    }

    private void start(String role) {
        processes.start(role, () -> sleeper(role));
    }

    private ManagedProcess sleeper(String role) {
        return ManagedProcess.start(role, List.of("sleep", "600"), Map.of(), stateDir.resolve(role + ".log"), ledger,
                "TERM", Duration.ofSeconds(5));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String status() {
        StringWriter out = new StringWriter();
        StatusCommand.print(home, new PrintWriter(out, true));
        return out.toString();
    }
}
