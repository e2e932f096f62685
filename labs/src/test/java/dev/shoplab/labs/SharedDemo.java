package dev.shoplab.labs;

import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one {@code ./shoplab demo} (the three architectures side by side) that every page needing it shares, started as
 * an attendee starts it — the checkout's {@code ./shoplab} script — but on free ports and in a state folder of its
 * own ({@code SHOPLAB_STATE_DIR}), so it meets no other lab of the checkout. The verbs of the pages' shells find it
 * through the same folder. PostgreSQL runs with relaxed durability, as every test of the build does.
 *
 * @param process    the demo's own process; {@code null} for a demo attached to, which someone else started
 * @param stateDir   its state folder (control file, token, pids)
 * @param outputFile where its output goes
 * @param startedIn  how long it took to serve its page
 */
record SharedDemo(ManagedProcess process, Path stateDir, Path outputFile, Duration startedIn) implements AutoCloseable {

    /** How long the demo may take to serve its page: ≈ 1½–3 min on two idle cores (warm-ups included), more on a busy machine. */
    static final Duration START_BOUND = Duration.ofMinutes(8);

    /**
     * Starts the demo from {@code checkout} and waits until it prints its page, at most {@link #START_BOUND}; the
     * demo's own process is recorded in {@code ledger}, so that a verifier killed half-way leaves nothing running that
     * {@code ./shoplab down} or the next run cannot find.
     */
    static SharedDemo start(Path checkout, Path stateDir, ProcessLedger ledger) {
        Path output = stateDir.resolve("demo.out");
        List<String> command = List.of(checkout.resolve("shoplab").toString(), "demo",
                "--port", Integer.toString(FreePorts.pick()),
                "--edge-port", Integer.toString(FreePorts.consecutive(3)),
                "--durability", "relaxed");
        Instant t0 = Instant.now();
        // SIGTERM as Ctrl-C; the demo stops everything it started within its own bounds, then SIGKILL
        ManagedProcess process = ManagedProcess.start("shoplab demo", command, environment(stateDir), output, ledger,
                "TERM", Duration.ofSeconds(90));
        SharedDemo demo = new SharedDemo(process, stateDir, output, Duration.ZERO);
        try {
            process.awaitReady(START_BOUND, () -> demo.output().lines().anyMatch(l -> l.startsWith("page: ")),
                    "it prints its page");
        } catch (IllegalStateException e) {
            demo.close();
            throw e;
        }
        return new SharedDemo(process, stateDir, output, Duration.between(t0, Instant.now()));
    }

    /**
     * A demo that runs already, started by someone else with the state folder {@code stateDir} (the checkout's
     * {@code .shoplab}, or its {@code SHOPLAB_STATE_DIR}): for an author who runs a page against their own demo
     * ({@code -Dshoplab.labs.attach=.shoplab}). {@link #close()} leaves it running.
     */
    static SharedDemo attach(Path stateDir) {
        return new SharedDemo(null, stateDir, stateDir.resolve("attached.out"), Duration.ZERO);
    }

    /** What a page's shell needs to reach this demo: its state folder (the verbs and {@code ./shoplab env} read it). */
    static Map<String, String> environment(Path stateDir) {
        return Map.of("SHOPLAB_STATE_DIR", stateDir.toString());
    }

    Map<String, String> environment() {
        return environment(stateDir);
    }

    /**
     * Whether the demo's trace receiver runs, as its control API says ({@code GET /api/lab}: {@code traces.available},
     * docs/control-api.md): a page that follows an order's trace can only be run when it does.
     */
    boolean tracesAvailable() throws IOException, InterruptedException {
        String url;
        try (Stream<Path> files = Files.list(stateDir.resolve("control"))) {
            Path control = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow(() ->
                    new IllegalStateException("The demo published no control API in " + stateDir.resolve("control")));
            Matcher m = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(control));
            if (!m.find()) {
                throw new IllegalStateException("No url in " + control);
            }
            url = m.group(1);
        }
        String token = Files.readString(stateDir.resolve("control-token")).trim();
        HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/lab"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (state.statusCode() != 200) {
            throw new IllegalStateException("GET /api/lab answered " + state.statusCode() + ": " + state.body());
        }
        return Pattern.compile("\"traces\"\\s*:\\s*\\{\\s*\"available\"\\s*:\\s*true").matcher(state.body()).find();
    }

    /** What it printed so far, for failure messages. */
    String output() {
        return ManagedProcess.tail(outputFile, 200);
    }

    /**
     * Stops the demo as Ctrl-C does, then whatever its own ledger still holds, by PID. An attached demo is left
     * alone.
     */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.close();
        new ProcessLedger(stateDir.resolve("pids")).stopEverything();
    }
}
