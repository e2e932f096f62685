package dev.shoplab.loadtests.live;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.loadtests.ShoplabCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./shoplab demo} (or {@code ./shoplab up}) as a user starts it: the lab's command line in a JVM of its own
 * (the class path the {@code shoplab} script runs), in a state folder of its own so it meets no other lab of the
 * checkout. Tests drive it as a user does: its page, its verbs, its control API, and SIGTERM.
 */
final class DemoProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAGE = Pattern.compile("^page: (http://127\\.0\\.0\\.1:\\d+)/#token=(\\S+)$");
    private static final Pattern CONTROL = Pattern.compile("^control: (http://127\\.0\\.0\\.1:\\d+) ");
    private static final Pattern ADMIN = Pattern.compile("^\\s+faults\\+ledgers\\s+(http://127\\.0\\.0\\.1:\\d+)/admin");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path stateDir;
    private final Path output;
    private String pageUrl;
    private String token;
    private String simulatorsAdmin;

    private DemoProcess(Process process, Path stateDir, Path output) {
        this.process = process;
        this.stateDir = stateDir;
        this.output = output;
    }

    /**
     * Starts {@code ./shoplab demo} with its output in {@code output} and waits until it prints its page, at most
     * {@code bound}.
     */
    static DemoProcess start(Path stateDir, Path output, Duration bound, String... extraArguments) throws IOException {
        List<String> args = new ArrayList<>(List.of("demo", "--port", Integer.toString(FreePorts.pick()),
                "--edge-port", Integer.toString(FreePorts.consecutive(3)), "--durability", "relaxed"));
        args.addAll(List.of(extraArguments));
        return launch(stateDir, output, bound, args);
    }

    /** Starts {@code ./shoplab up <architecture>} and waits until it prints its control API, at most {@code bound}. */
    static DemoProcess up(String architecture, Path stateDir, Path output, Duration bound) throws IOException {
        return launch(stateDir, output, bound, List.of("up", architecture, "--port", Integer.toString(FreePorts.pick()),
                "--durability", "relaxed"));
    }

    private static DemoProcess launch(Path stateDir, Path output, Duration bound, List<String> args) throws IOException {
        Process process = ShoplabCommand.start(stateDir, output, args);
        DemoProcess demo = new DemoProcess(process, stateDir, output);
        demo.awaitPage(bound);
        return demo;
    }

    /** Waits until the command prints where its control API is (the demo: its page link); fails if it ends first. */
    private void awaitPage(Duration bound) throws IOException {
        try {
            await().atMost(bound).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("./shoplab ended (exit " + process.exitValue() + ") before it "
                            + "served its control API:\n" + Files.readString(output));
                }
                return readAddresses();
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("./shoplab did not serve its control API within " + bound.toSeconds()
                    + " s:\n" + Files.readString(output), e);
        }
        if (token == null) {
            token = Files.readString(stateDir.resolve("control-token")).trim();
        }
    }

    private boolean readAddresses() throws IOException {
        for (String line : Files.readAllLines(output)) {
            Matcher admin = ADMIN.matcher(line);
            if (admin.find()) {
                simulatorsAdmin = admin.group(1);
            }
            Matcher page = PAGE.matcher(line);
            if (page.matches()) {
                pageUrl = page.group(1);
                token = page.group(2);
                return true;
            }
            Matcher control = CONTROL.matcher(line);
            if (control.find()) {
                pageUrl = control.group(1);
                return true;
            }
        }
        return false;
    }

    /** The page, as printed: {@code http://127.0.0.1:N}. */
    String pageUrl() {
        return pageUrl;
    }

    /** The link the demo printed, with the control token. */
    String link() {
        return pageUrl + "/#token=" + token;
    }

    String token() {
        return token;
    }

    Path stateDir() {
        return stateDir;
    }

    long pid() {
        return process.pid();
    }

    /** The processes the demo's run started, as its ledger holds them. */
    List<OwnedProcess> started() {
        return new ProcessLedger(stateDir.resolve("pids")).all();
    }

    /** A call to the control API with the token; the answer's JSON (an error's problem too). */
    JsonNode api(String method, String path, String json) {
        return call(pageUrl + path, method, json, "Bearer " + token);
    }

    /** A call to the simulators' admin API, for what the lab did to them. */
    JsonNode simulators(String path) {
        return call(simulatorsAdmin + path, "GET", null, "Bearer " + token);
    }

    /** An order placed at an architecture's edge, as a user's client places it: the answer's JSON. */
    static JsonNode placeOrder(String edgeUrl) {
        return call(edgeUrl + "/api/orders", "POST", "{\"customerId\":\"c-demo-test\",\"lines\":[{\"sku\":\"SKU-0001\","
                + "\"quantity\":1}],\"paymentToken\":\"tok_ok\"}", null);
    }

    /** A GET of a URL without credentials: its status and body. */
    static HttpResponse<String> get(String url, Optional<String> authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            authorization.ifPresent(a -> request.header("Authorization", a));
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode call(String url, String method, String json, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(150))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as a background job's user sends it; true when it ended within {@code bound}. */
    boolean terminate(Duration bound) throws InterruptedException {
        process.destroy();
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The demo's output so far, for failure messages. */
    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !terminate(Duration.ofSeconds(90))) {
            process.destroyForcibly();
        }
        new ProcessLedger(stateDir.resolve("pids")).stopEverything();
    }
}
