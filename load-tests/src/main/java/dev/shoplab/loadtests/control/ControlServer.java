package dev.shoplab.loadtests.control;

import dev.shoplab.loadtests.DaemonThreads;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.loadtests.live.LabEvents;
import dev.shoplab.loadtests.fault.LabFaults;
import dev.shoplab.loadtests.live.LiveLab;
import dev.shoplab.loadtests.live.LiveLoad;
import dev.shoplab.loadtests.live.TraceSource;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.scenario.ScenarioException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The lab's control API and the demo page, on 127.0.0.1 (docs/control-api.md): the page and its scripts for anyone
 * on this machine (they hold no secret), everything under {@code /api/lab} only with the lab's control token as
 * {@code Authorization: Bearer} (ADR 0012), live figures as server-sent events. Requests that name another host
 * (a DNS-rebinding page) are refused. Built on the JDK's {@code com.sun.net.httpserver}: a handful of loopback
 * routes need no framework (docs/adr/0015-live-lab-control.md).
 */
public final class ControlServer implements AutoCloseable {

    /** Where problem types of this API live: {@code …/lab/unauthorized}. */
    static final String PROBLEMS = "https://shoplab.dev/problems/lab/";
    private static final int MAX_BODY = 64 * 1024;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";
    private static final Map<String, String[]> PAGE = Map.of(
            "/", new String[] {"shoplab/demo/index.html", "text/html; charset=utf-8"},
            "/demo.js", new String[] {"shoplab/demo/demo.js", "text/javascript; charset=utf-8"},
            "/demo.css", new String[] {"shoplab/demo/demo.css", "text/css; charset=utf-8"},
            "/chart.umd.min.js", new String[] {CHART_JS, "text/javascript; charset=utf-8"});

    /** Reads a body as the edges do in one respect that matters here: a key given twice is refused, not the last kept. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final LiveLab lab;
    private final ControlToken token;
    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Runnable> streams = new ArrayList<>();

    private ControlServer(LiveLab lab, ControlToken token, HttpServer server, ExecutorService threads) {
        this.lab = lab;
        this.token = token;
        this.server = server;
        this.threads = threads;
    }

    /**
     * Serves {@code lab} on 127.0.0.1:{@code port} (0: any free port).
     *
     * @throws UncheckedIOException when the port cannot be opened (say which, and that {@code --port} chooses another)
     */
    public static ControlServer start(LiveLab lab, ControlToken token, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the lab's control API on 127.0.0.1:" + port + " ("
                    + e.getMessage() + "): stop what listens there or choose another port with --port", e);
        }
        // each event stream holds a thread while its page is open
        ExecutorService threads = Executors.newFixedThreadPool(24, DaemonThreads.named("shoplab-control"));
        ControlServer control = new ControlServer(lab, token, server, threads);
        server.setExecutor(threads);
        server.createContext("/", control::handle);
        server.start();
        return control;
    }

    /** Where it answers: {@code http://127.0.0.1:N}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        synchronized (streams) {
            streams.forEach(Runnable::run);
        }
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        // the answer to a problem is sent before the exchange closes (a catch of try-with-resources runs after it)
        try (exchange) {
            try {
                route(exchange);
            } catch (Problem p) {
                if (p.allow != null) {
                    exchange.getResponseHeaders().set("Allow", p.allow);
                }
                send(exchange, p.status, problem(p));
            } catch (RuntimeException e) {
                send(exchange, 500, problem(new Problem(500, "internal", "Internal error",
                        String.valueOf(e.getMessage()))));
            }
        }
    }

    private void route(HttpExchange x) {
        List<String> hosts = x.getRequestHeaders().getOrDefault("Host", List.of());
        if (hosts.size() > 1) {
            // which one names this lab? RFC 9112 §3.2: a request with more than one Host is a 400
            throw new Problem(400, "invalid-request", "Invalid request", "Send one Host header, not " + hosts.size());
        }
        if (hosts.isEmpty()) {
            // RFC 9112 §3.2: a server answers an HTTP/1.1 request without Host with a 400
            throw new Problem(400, "invalid-request", "Invalid request", "Send a Host header: 127.0.0.1:" + port());
        }
        String host = hosts.get(0);
        if (!(host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()))) {
            throw new Problem(403, "foreign-host", "Foreign host", "This lab answers requests to 127.0.0.1:" + port()
                    + " only, not to " + host);
        }
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (!path.startsWith("/api/")) {
            String[] page = PAGE.get(path);
            if (page == null) {
                throw new Problem(404, "not-found", "Not found", "No page " + path + "; the demo page is /");
            }
            allow(method, "GET");
            sendResource(x, page[0], page[1]);
            return;
        }
        authorize(x);
        Map<String, String> query = query(x);
        switch (path) {
            case "/api/lab" -> {
                allow(method, "GET");
                send(x, 200, lab.state());
            }
            case "/api/lab/load" -> {
                allow(method, "PUT", "DELETE");
                // an architecture that does not run here is the client's mistake: 422, as for stats and audit
                if (method.equals("PUT")) {
                    JsonNode body = body(x);
                    send(x, 200, invalidIfRefused(() -> lab.setLoad(loadSettings(body), names(body))));
                } else {
                    send(x, 200, invalidIfRefused(() -> lab.setLoad(LiveLoad.Settings.OFF, query.containsKey("arch")
                            ? List.of(query.get("arch")) : List.of())));
                }
            }
            case "/api/lab/faults" -> {
                allow(method, "GET", "POST", "DELETE");
                switch (method) {
                    case "GET" -> {
                        ObjectNode state = lab.state();
                        send(x, 200, JSON.createObjectNode().<ObjectNode>set("faults", state.get("faults"))
                                .set("ejected", state.get("ejected")));
                    }
                    case "POST" -> send(x, 201, applyFault(body(x)));
                    default -> send(x, 200, lifting(lab::clearFaults));
                }
            }
            case "/api/lab/scenarios" -> {
                allow(method, "GET");
                send(x, 200, scenarios());
            }
            case "/api/lab/scenario" -> {
                allow(method, "POST", "DELETE");
                if (method.equals("POST")) {
                    String name = body(x).path("name").asText("");
                    catalogue(); // a wrong file on disk is the lab's trouble, as for GET /api/lab/scenarios: not a 422
                    send(x, 200, invalidIfRefused(() -> lab.play(name)));
                } else if (lab.stopScenario()) {
                    send(x, 200, lab.state());
                } else {
                    throw new Problem(404, "no-scenario", "No scenario playing", "No scenario is being played");
                }
            }
            case "/api/lab/stats" -> {
                allow(method, "GET");
                send(x, 200, invalidIfRefused(() -> lab.stats(Optional.ofNullable(query.get("arch")))));
            }
            case "/api/lab/audit" -> {
                allow(method, "GET");
                send(x, 200, invalidIfRefused(() -> lab.audit(Optional.ofNullable(query.get("arch")))));
            }
            case "/api/lab/events" -> {
                allow(method, "GET");
                ArrayNode list = JSON.createArrayNode();
                lab.events().recent().forEach(e -> list.add(eventJson(e)));
                send(x, 200, JSON.createObjectNode().set("events", list));
            }
            case "/api/lab/trace" -> {
                allow(method, "GET");
                send(x, 200, invalidIfRefused(() -> trace(query)));
            }
            case "/api/lab/stream" -> {
                allow(method, "GET");
                stream(x);
            }
            default -> {
                if (path.startsWith("/api/lab/faults/")) {
                    allow(method, "DELETE");
                    String id = path.substring("/api/lab/faults/".length()); // getPath() has decoded it
                    if (!lifting(() -> lab.liftFault(id))) {
                        throw new Problem(404, "no-such-fault", "No such fault", "No fault '" + id
                                + "' is on; GET /api/lab/faults lists them");
                    }
                    send(x, 200, lab.state());
                } else {
                    throw new Problem(404, "not-found", "Not found", "No API at " + path + "; see docs/control-api.md");
                }
            }
        }
    }

    private ObjectNode applyFault(JsonNode body) {
        try {
            return lab.applyFault(body);
        } catch (ScenarioException e) {
            throw new Problem(422, "invalid-fault", "Invalid fault", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Problem(422, "nothing-to-fault", "Nothing to fault", e.getMessage());
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw new Problem(503, "fault-failed", "The fault could not be applied", e.getMessage());
        }
    }

    /** A lift that failed (a process or server did not start again) is a 503 saying what, and where to look. */
    private static <T> T lifting(java.util.function.Supplier<T> lift) {
        try {
            return lift.get();
        } catch (LabFaults.LiftFailed e) {
            throw new Problem(503, "lift-failed", "The fault could not be lifted", e.getMessage()
                    + "\n(it is off the list; './shoplab status' shows what did not start again, and a new fault on it"
                    + " tries again)");
        }
    }

    private static ObjectNode invalidIfRefused(java.util.function.Supplier<ObjectNode> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException | ScenarioException e) {
            throw new Problem(422, "invalid-request", "Invalid request", e.getMessage());
        }
    }

    /** The fields of {@code PUT /api/lab/load} (docs/control-api.md). */
    private static final List<String> LOAD_FIELDS = List.of("rate", "idempotencyKeys", "clientRetries",
            "requestTimeoutSeconds", "architectures");

    private static LiveLoad.Settings loadSettings(JsonNode body) {
        body.fieldNames().forEachRemaining(field -> {
            if (!LOAD_FIELDS.contains(field)) {
                throw new Problem(422, "invalid-request", "Invalid request", field + ": no such field; the load takes "
                        + String.join(", ", LOAD_FIELDS) + " (only rate is required), for example {\"rate\":5}");
            }
        });
        JsonNode rate = body.get("rate");
        if (rate == null || !rate.isNumber()) {
            throw new Problem(422, "invalid-request", "Invalid request", "rate: a number of orders per second is"
                    + " required (0 stops the load), for example {\"rate\":5}");
        }
        for (String field : List.of("idempotencyKeys")) {
            if (body.has(field) && !body.get(field).isBoolean()) {
                throw new Problem(422, "invalid-request", "Invalid request", field + ": true or false");
            }
        }
        for (String field : List.of("clientRetries", "requestTimeoutSeconds")) {
            if (body.has(field) && !(body.get(field).isIntegralNumber() && body.get(field).canConvertToInt())) {
                throw new Problem(422, "invalid-request", "Invalid request", field + ": a whole number");
            }
        }
        try {
            return new LiveLoad.Settings(rate.asDouble(), body.path("idempotencyKeys").asBoolean(true),
                    body.path("clientRetries").asInt(0), Duration.ofSeconds(body.path("requestTimeoutSeconds").asInt(10)));
        } catch (IllegalArgumentException e) {
            throw new Problem(422, "invalid-request", "Invalid request", e.getMessage());
        }
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        JsonNode archs = body.path("architectures");
        if (!archs.isMissingNode() && !archs.isArray()) {
            throw new Problem(422, "invalid-request", "Invalid request", "architectures: a list of names, e.g. "
                    + "[\"monolith\"]");
        }
        archs.forEach(a -> names.add(a.asText()));
        return names;
    }

    /** The lab's catalogue; a scenario file that is wrong is a 503 naming it and what is wrong. */
    private List<Scenario> catalogue() {
        try {
            return lab.catalogue();
        } catch (ScenarioException e) {
            throw new Problem(503, "catalogue-invalid", "A scenario file is wrong", e.getMessage());
        }
    }

    private ObjectNode scenarios() {
        ArrayNode list = JSON.createArrayNode();
        for (Scenario s : catalogue()) {
            ObjectNode o = list.addObject();
            o.put("name", s.name());
            o.put("title", s.title());
            o.put("description", s.description());
            o.put("lookFor", s.lookFor());
            o.put("seconds", s.loadDuration(false).toSeconds());
            ArrayNode applies = o.putArray("appliesTo");
            s.appliesTo().forEach(applies::add);
        }
        return JSON.createObjectNode().set("scenarios", list);
    }

    private ObjectNode trace(Map<String, String> query) {
        TraceSource traces = lab.traces();
        ObjectNode out = JSON.createObjectNode();
        out.put("available", traces.available());
        if (!traces.available()) {
            out.putNull("trace");
            out.put("note", traces.endpoint().map(url -> "This lab sends its traces to " + url + " (--otlp-endpoint):"
                    + " look an order up there by its shoplab.order.id.").orElse("This lab traces nothing "
                    + "(--no-tracing), so there are no traces to show."));
            return out;
        }
        Optional<TraceSource.TraceView> trace;
        Optional<String> arch = Optional.ofNullable(query.get("arch")).filter(a -> !a.isBlank());
        if (query.containsKey("orderId")) {
            String orderId = query.get("orderId").trim();
            if (orderId.isEmpty()) {
                throw new IllegalArgumentException("orderId: give the id of an order (POST /api/orders answers it)");
            }
            trace = traces.byOrderId(orderId);
        } else {
            int seconds = parseSeconds(query.getOrDefault("window", "10"));
            trace = lab.slowestTrace(Duration.ofSeconds(seconds), arch);
        }
        out.set("trace", trace.map(t -> (JsonNode) JSON.valueToTree(t)).orElse(JSON.nullNode()));
        if (trace.isEmpty()) {
            out.put("note", query.containsKey("orderId") ? "No trace of order " + query.get("orderId")
                    + " (yet): traces arrive a second or two after the order" : "No order of "
                    + arch.orElse("any architecture") + " ended in that window: start the load");
        } else if (!trace.get().whole()) {
            out.put("note", "Spans are still arriving (each process sends its own every second): ask again");
        }
        return out;
    }

    private static int parseSeconds(String value) {
        try {
            int seconds = Integer.parseInt(value.replaceFirst("s$", ""));
            if (seconds >= 1 && seconds <= 600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Problem(422, "invalid-request", "Invalid request", "window: seconds between 1 and 600, not "
                + value);
    }

    /**
     * Server-sent events: every second {@code event: frame}, every audit {@code event: damage}, every lab event
     * {@code event: lab-event}; the last seconds' frames and the kept events first. A page reads it with fetch (it
     * sends the token in a header, which {@code EventSource} cannot).
     */
    private void stream(HttpExchange x) {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(600);
        Consumer<String> frames = json -> queue.offer(json.startsWith("{\"damage\"")
                ? "event: damage\ndata: " + json + "\n\n" : "event: frame\ndata: " + json + "\n\n");
        Consumer<LabEvents.Event> events = e -> queue.offer("event: lab-event\ndata: " + eventJson(e) + "\n\n");
        Runnable end = () -> queue.offer("");
        synchronized (streams) {
            streams.add(end);
        }
        try {
            x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            lab.events().recent().forEach(events);
            queue.offer("event: damage\ndata: " + JSON.createObjectNode().set("damage", lab.damage()) + "\n\n");
            lab.subscribe(frames);
            lab.events().listen(events);
            while (true) {
                String next = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (next != null && next.isEmpty()) {
                    return;
                }
                out.write((next == null ? ": heartbeat\n\n" : next).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the page went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lab.unsubscribe(frames);
            lab.events().unlisten(events);
            synchronized (streams) {
                streams.remove(end);
            }
        }
    }

    private static ObjectNode eventJson(LabEvents.Event e) {
        return JSON.createObjectNode().put("t", e.epochMs()).put("text", e.text());
    }

    private void authorize(HttpExchange x) {
        List<String> given = x.getRequestHeaders().getOrDefault("Authorization", List.of());
        if (given.size() != 1 || !token.isCarriedBy(given.get(0))) {
            x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"shoplab\"");
            throw new Problem(401, "unauthorized", "Control token required", "The lab's control API needs the control "
                    + "token: Authorization: Bearer $(cat .shoplab/control-token) (ADR 0012). The demo page takes it from the"
                    + " URL that ./shoplab demo prints.");
        }
    }

    private static void allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new Problem(405, "method-not-allowed", "Method not allowed", method + " is not allowed here; use "
                + String.join(", ", allowed)).withAllow(String.join(", ", allowed));
    }

    private static JsonNode body(HttpExchange x) {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Problem(415, "unsupported-media-type", "Unsupported media type",
                    "Send the body as application/json");
        }
        try (InputStream in = x.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new Problem(413, "payload-too-large", "Payload too large", "A body of at most 64 KiB");
            }
            JsonNode body = JSON.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new Problem(400, "invalid-request", "Invalid request", "The body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new Problem(400, "invalid-request", "Invalid request", "The body is not JSON: " + notJson(e));
        } catch (IOException e) {
            throw new Problem(400, "invalid-request", "Invalid request", "The body could not be read: " + e.getMessage());
        }
    }

    /**
     * What the parser found wrong and where, for a person: Jackson's own message, without the part that names its
     * input source and features ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled) …]").
     */
    static String notJson(JsonProcessingException e) {
        String what = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("")
                .replaceAll("\\s*\\((start marker )?at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
        JsonLocation at = e.getLocation();
        return what + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")");
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void sendResource(HttpExchange x, String resource, String type) {
        try (InputStream in = ControlServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new Problem(404, "not-found", "Not found", resource + " is not in this build");
            }
            byte[] bytes = in.readAllBytes();
            x.getResponseHeaders().set("Content-Type", type);
            x.getResponseHeaders().set("Cache-Control", "no-cache");
            x.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the browser went away
        }
    }

    private static void send(HttpExchange x, int status, JsonNode body) {
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
            x.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(status, bytes.length);
            x.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client went away
        }
    }

    private static ObjectNode problem(Problem p) {
        return JSON.createObjectNode().put("type", PROBLEMS + p.type).put("title", p.title).put("status", p.status)
                .put("detail", p.getMessage());
    }

    /** An answer that is an {@code application/problem+json} (RFC 9457). */
    static final class Problem extends RuntimeException {
        final int status;
        final String type;
        final String title;
        String allow;

        Problem(int status, String type, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.type = type;
            this.title = title;
        }

        Problem withAllow(String methods) {
            this.allow = methods;
            return this;
        }
    }
}
