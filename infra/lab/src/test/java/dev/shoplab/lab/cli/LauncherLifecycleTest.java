package dev.shoplab.lab.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.infra.KafkaBroker;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.lab.process.Signals;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shoplab infra up} run as a user runs it, in a process of its own: after Ctrl-C, or after the
 * command is killed and {@code shoplab down} runs, no process it started remains.
 */
class LauncherLifecycleTest {

    @TempDir
    Path stateDir;

    private Process cli;
    /** Every line the command printed so far. */
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void noLeftovers() throws Exception {
        if (cli != null && cli.isAlive()) {
            cli.destroyForcibly();
        }
        // Whatever happened in the test, never leave a server running.
        new ProcessLedger(stateDir.resolve("pids")).stopEverything();
    }

    @Test
    void ctrl_c_stops_every_process_that_infra_up_started() throws Exception {
        List<OwnedProcess> children = startInfraUp();

        // Ctrl-C is SIGINT. A build started as a background job inherits SIGINT ignored, and a JVM started
        // with SIGINT ignored never installs its handler (exactly as for a user's background job); the test
        // then sends SIGTERM, which runs the same shutdown path.
        Signals.send(cli.pid(), interruptIgnoredHere() ? "TERM" : "INT");

        assertTrue(cli.waitFor(60, TimeUnit.SECONDS), () -> "infra up did not exit within 60 s of Ctrl-C; it printed:\n"
                + String.join("\n", output) + "\n" + logTails());
        for (OwnedProcess child : children) {
            assertTrue(Signals.awaitExit(child.pid(), Duration.ofSeconds(5)),
                    child.name() + " (pid " + child.pid() + ") still runs after Ctrl-C");
        }
        assertEquals(List.of(), ledger().all(), "pid files left behind");
    }

    @Test
    void when_a_server_dies_infra_up_says_which_at_once_and_status_shows_it() throws Exception {
        List<OwnedProcess> children = startInfraUp();
        OwnedProcess postgres = children.stream().filter(c -> c.name().equals("postgres")).findFirst().orElseThrow();

        Signals.send(postgres.pid(), "KILL");

        String died = "!! postgres (pid " + postgres.pid() + ") has died";
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .alias("infra up reports the death")
                .until(() -> List.copyOf(output).stream().anyMatch(l -> l.startsWith(died)));
        String said = String.join("\n", List.copyOf(output));
        assertTrue(said.contains("last lines of " + postgres.log()), said);

        Process status = lab("status").start();
        String shown = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status.waitFor(60, TimeUnit.SECONDS), "status did not finish");
        assertTrue(shown.lines().anyMatch(l -> l.matches("\\s+postgres\\s+pid " + postgres.pid() + "\\s+DIED.*")),
                "status shows the death:\n" + shown);
    }

    @Test
    void down_stops_what_a_killed_infra_up_left_behind() throws Exception {
        List<OwnedProcess> children = startInfraUp();

        cli.destroyForcibly();
        assertTrue(cli.waitFor(10, TimeUnit.SECONDS));
        for (OwnedProcess child : children) {
            assertTrue(child.live().isPresent(), child.name() + " should outlive a SIGKILLed launcher, "
                    + "else this test proves nothing");
        }

        String said = downStopsAndReports(children);

        try (var data = Files.find(stateDir.resolve("runs"), 3, (p, attrs) -> p.endsWith("postgres/data"))) {
            assertEquals(List.of(), data.toList(), "the killed run's PostgreSQL data is left behind; down said:\n" + said);
        }
        assertTrue(said.contains("data folder"), "down says what it deleted:\n" + said);
    }

    @Test
    void down_stops_a_live_infra_up_and_says_what_it_stopped() throws Exception {
        List<OwnedProcess> children = startInfraUp();
        theControlTokenIsPrivateAndTheSimulatorsAskForIt();

        downStopsAndReports(children);

        assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "infra up still runs after down");
    }

    /**
     * While infra up runs: its control token is in the state folder, readable by its owner only; another lab
     * command of the checkout gets the same one; the simulators it started refuse an admin call without it.
     */
    private void theControlTokenIsPrivateAndTheSimulatorsAskForIt() throws Exception {
        Path file = stateDir.resolve(ControlToken.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).trim();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url: " + token);
        assertEquals(token, ControlToken.of(new LabHome(LabHome.locate().root(), stateDir)).value(),
                "a second lab command while infra up runs uses its token");

        Matcher row = Pattern.compile("faults\\+ledgers\\s+(http://127\\.0\\.0\\.1:\\d+)/admin")
                .matcher(String.join("\n", output));
        assertTrue(row.find(), "the endpoint table names the simulators' admin API:\n" + String.join("\n", output));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder stats = HttpRequest.newBuilder(URI.create(row.group(1) + "/admin/stats"));
        HttpResponse<String> refused = http.send(stats.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("https://shoplab.dev/problems/unauthorized"), refused.body());
        HttpResponse<String> answered = http.send(stats.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answered.statusCode(), answered.body());
    }

    /**
     * Runs {@code down}: every child is gone, each is named in what down printed, no pid file is left; returns
     * what it printed.
     */
    private String downStopsAndReports(List<OwnedProcess> children) throws Exception {
        Process down = lab("down").start();
        String output = new String(down.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(down.waitFor(120, TimeUnit.SECONDS), "down did not finish");
        assertEquals(0, down.exitValue(), output);

        for (OwnedProcess child : children) {
            assertTrue(ProcessHandle.of(child.pid()).map(h -> !h.isAlive()).orElse(true),
                    child.name() + " (pid " + child.pid() + ") still runs after down; down said:\n" + output);
            assertTrue(output.contains(child.name()), "down did not report " + child.name() + ":\n" + output);
        }
        assertEquals(List.of(), ledger().all(), "pid files left behind");
        return output;
    }

    /** Starts {@code infra up}, waits for its endpoint table and returns the processes it recorded. */
    private List<OwnedProcess> startInfraUp() throws Exception {
        long started = System.nanoTime();
        cli = lab("infra", "up", "--durability", "relaxed").start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(cli.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    output.add(line);
                }
            } catch (IOException e) {
                lines.add("(output closed: " + e.getMessage() + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();

        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (seen.stream().noneMatch(l -> l.contains("Press Ctrl-C"))) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("infra up was not ready within 120 s; it printed:\n" + String.join("\n", seen));
            }
            seen.add(line);
        }
        System.out.printf("infra up ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
        String table = String.join("\n", seen);
        for (String row : List.of("postgresql", "kafka", "psp", "mail", "logs:")) {
            assertTrue(table.contains(row), "the endpoint table lacks " + row + ":\n" + table);
        }
        List<OwnedProcess> children = ledger().all();
        assertEquals(List.of("kafka", "postgres", "simulators"),
                children.stream().map(OwnedProcess::name).sorted().toList());
        children.forEach(c -> assertTrue(c.live().isPresent(), c.name() + " is not running"));

        Process status = lab("status").start();
        String said = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status.waitFor(60, TimeUnit.SECONDS), "status did not finish");
        assertTrue(said.contains("infra up (pid " + cli.pid() + "), logs "), "status names the command:\n" + said);
        return children;
    }

    /** True when this process ignores SIGINT (so its children do too): Linux's SigIgn mask, bit of signal 2. */
    private static boolean interruptIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2L) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: nothing tells, assume the default disposition
        }
        return false;
    }

    /** The last lines of every log of the command's run folder, for a failure message. */
    private String logTails() {
        try (var files = Files.walk(stateDir)) {
            StringBuilder tails = new StringBuilder();
            files.filter(f -> f.toString().endsWith(".log")).forEach(f -> tails.append("--- ").append(f)
                    .append('\n').append(ManagedProcess.tail(f, 15)).append('\n'));
            return tails.toString();
        } catch (IOException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    private ProcessLedger ledger() {
        return new ProcessLedger(stateDir.resolve("pids"));
    }

    private ProcessBuilder lab(String... args) throws IOException {
        LabHome home = LabHome.locate();
        Path lab = home.root().resolve("infra/lab/target");
        String classpath = lab.resolve("classes") + File.pathSeparator
                + Files.readString(lab.resolve("lab.classpath")).trim();
        List<String> command = new ArrayList<>(List.of(KafkaBroker.javaExecutable(), "-Xmx256m",
                "-Dshoplab.home=" + home.root(), "-Dshoplab.state-dir=" + stateDir,
                "-cp", classpath, Shoplab.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
