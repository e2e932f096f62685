package dev.shoplab.traces;

import com.google.protobuf.CodedOutputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Receives traces over OTLP/HTTP and keeps the recent ones in bounded memory, so the lab can show an order's trace
 * without a collector (docs/adr/0014-tracing-with-opentelemetry.md).
 *
 * <p>It answers {@code POST /v1/traces} with a body of OTLP protobuf ({@code Content-Type: application/x-protobuf},
 * optionally {@code Content-Encoding: gzip}), as the OpenTelemetry SDKs' and Quarkus's {@code http/protobuf}
 * exporters send it: {@code 200} with an empty {@code ExportTraceServiceResponse}. OTLP/JSON is not read
 * ({@code 415}); a body that is not a valid request is {@code 400}, one over {@link #MAX_BODY_BYTES} {@code 413};
 * errors carry a {@code google.rpc.Status} as OTLP asks. What it holds is bounded by its {@link Limits}; the oldest
 * goes first, and {@link #stats()} counts it. Thread-safe.
 *
 * <pre>{@code
 * try (TraceReceiver receiver = TraceReceiver.start("127.0.0.1", 0)) {
 *     // give exporters receiver.endpoint(), e.g. -Dquarkus.otel.exporter.otlp.traces.endpoint=...
 *     receiver.byOrderId(orderId).ifPresent(trace -> trace.waterfall().forEach(...));
 * }
 * }</pre>
 */
public final class TraceReceiver implements AutoCloseable {

    /** The path OTLP/HTTP exporters post traces to, under {@link #endpoint()}. */
    public static final String TRACES_PATH = "/v1/traces";
    /** The largest request body read, compressed or not: 16 MiB. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final String PROTOBUF = "application/x-protobuf";

    /**
     * What the receiver has seen and dropped since it started.
     *
     * @param receivedSpans    spans received (well-formed ones)
     * @param heldTraces       traces held now
     * @param heldSpans        spans held now
     * @param droppedTraces    traces dropped whole to stay within {@link Limits#maxTraces()} or {@link Limits#maxSpans()}
     * @param droppedSpans     spans dropped from a trace beyond {@link Limits#maxSpansPerTrace()}
     * @param rejectedRequests requests refused (not protobuf, malformed, too large) plus spans with malformed ids
     */
    public record Stats(long receivedSpans, int heldTraces, int heldSpans, long droppedTraces, long droppedSpans,
                        long rejectedRequests) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final TraceStore store;
    private final OtlpSpans otlp;
    private final AtomicLong rejected = new AtomicLong();
    private final String endpoint;

    private TraceReceiver(HttpServer server, ExecutorService executor, Limits limits) {
        this.server = server;
        this.executor = executor;
        this.store = new TraceStore(limits, Clock.systemUTC());
        this.otlp = new OtlpSpans(limits.maxAttributeChars());
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        this.endpoint = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Starts a receiver with the {@link Limits#DEFAULT default limits}.
     *
     * @param host the address to listen on, for example {@code 127.0.0.1} (the lab's choice: loopback only)
     * @param port the TCP port, 0 for any free port ({@link #endpoint()} says which)
     * @throws UncheckedIOException when the port cannot be opened (in use, or not allowed)
     */
    public static TraceReceiver start(String host, int port) {
        return start(host, port, Limits.DEFAULT);
    }

    /** Starts a receiver that holds at most what {@code limits} allow; see {@link #start(String, int)}. */
    public static TraceReceiver start(String host, int port, Limits limits) {
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for OTLP on " + host + ":" + port + " (" + e.getMessage()
                    + "): choose another port, or 0 for any free one", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "otlp-receiver-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        TraceReceiver receiver = new TraceReceiver(server, executor, limits);
        server.createContext("/", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    /**
     * The base URL to give exporters, for example {@code http://127.0.0.1:43117}: an OTLP exporter's "endpoint"
     * setting ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code quarkus.otel.exporter.otlp.endpoint}) appends
     * {@value #TRACES_PATH} itself; a traces-only setting wants {@link #tracesUrl()}.
     */
    public String endpoint() {
        return endpoint;
    }

    /** {@link #endpoint()} + {@value #TRACES_PATH}: the full URL for a traces-only exporter setting. */
    public String tracesUrl() {
        return endpoint + TRACES_PATH;
    }

    /** The trace with this id (32 hex digits, any case), as far as it has arrived. */
    public Optional<Trace> trace(String traceId) {
        return store.trace(traceId.toLowerCase(Locale.ROOT));
    }

    /**
     * The trace that placed this order: the first held trace with a span whose {@value Trace#ORDER_ID_ATTRIBUTE}
     * is {@code orderId} (a replayed {@code POST} of the same order makes a later trace, not this one). Empty when no
     * such trace arrived yet, or it was dropped.
     */
    public Optional<Trace> byOrderId(String orderId) {
        return store.byOrderId(orderId);
    }

    /**
     * The slowest order of the last {@code window}: among held traces that carry an order id and whose last span
     * ended within {@code window} before now, the one that lasted longest from its first start to its last end
     * ({@link Trace#duration()}: for the event-driven system the whole saga, not just the {@code 202}).
     */
    public Optional<Trace> slowest(Duration window) {
        return store.slowest(window, null);
    }

    /** Like {@link #slowest(Duration)}, among the traces whose root has this {@code service.namespace} (architecture). */
    public Optional<Trace> slowest(Duration window, String namespace) {
        return store.slowest(window, Objects.requireNonNull(namespace, "namespace"));
    }

    /** Up to {@code max} held traces, the latest started first. */
    public List<TraceSummary> recent(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be 0 or more, not " + max);
        }
        return store.recent(max);
    }

    /** What it received, holds and dropped so far. */
    public Stats stats() {
        return store.stats(rejected.get());
    }

    /** Stops listening at once; what it holds stays readable. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "trace receiver at " + endpoint;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(TRACES_PATH)) {
                refuse(exchange, 404, 5, "no such path: OTLP traces go to POST " + TRACES_PATH);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                refuse(exchange, 405, 12, "send OTLP traces with POST");
                return;
            }
            String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("")
                    .toLowerCase(Locale.ROOT);
            if (!type.startsWith(PROTOBUF) && !type.startsWith("application/protobuf")) {
                refuse(exchange, 415, 3, "this receiver reads OTLP/HTTP protobuf only (Content-Type: " + PROTOBUF
                        + "), not '" + type + "': set the exporter's protocol to http/protobuf");
                return;
            }
            byte[] body;
            try {
                body = body(exchange);
            } catch (BodyTooLarge e) {
                refuse(exchange, 413, 8, "a request body may hold at most " + MAX_BODY_BYTES + " bytes: export"
                        + " smaller batches");
                return;
            } catch (UnsupportedEncoding e) {
                refuse(exchange, 415, 3, e.getMessage());
                return;
            } catch (IOException e) {
                refuse(exchange, 400, 3, "the body cannot be read (" + e.getMessage() + "): send it whole, gzip"
                        + " or uncompressed as Content-Encoding says");
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException e) {
                refuse(exchange, 400, 3, "the body is not an OTLP ExportTraceServiceRequest: " + e.getMessage());
                return;
            }
            OtlpSpans.Result result = otlp.read(request);
            rejected.addAndGet(result.rejected());
            store.add(result.spans());
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        String encoding = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Encoding")).orElse("identity")
                .trim().toLowerCase(Locale.ROOT);
        InputStream raw = exchange.getRequestBody();
        InputStream in = switch (encoding) {
            case "identity", "" -> raw;
            case "gzip" -> new GZIPInputStream(new Bounded(raw));
            default -> throw new UnsupportedEncoding("Content-Encoding '" + encoding + "' is not read: send gzip or"
                    + " none");
        };
        return new Bounded(in).readAllBytes();
    }

    /**
     * Refuses a request with a {@code google.rpc.Status} (OTLP/HTTP's error body), protobuf-encoded by hand: two
     * fields, so the status's proto library is not worth its weight here.
     */
    private void refuse(HttpExchange exchange, int httpStatus, int grpcCode, String message) throws IOException {
        rejected.incrementAndGet();
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(status);
        out.writeInt32(1, grpcCode);      // google.rpc.Status.code
        out.writeString(2, message);      // google.rpc.Status.message
        out.flush();
        byte[] body = status.toByteArray();
        exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
        exchange.sendResponseHeaders(httpStatus, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Reads at most {@link #MAX_BODY_BYTES} from a stream; more is {@link BodyTooLarge}. */
    private static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > MAX_BODY_BYTES) {
                throw new BodyTooLarge();
            }
        }
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body too large");
        }
    }

    private static final class UnsupportedEncoding extends IOException {
        UnsupportedEncoding(String message) {
            super(message);
        }
    }
}
