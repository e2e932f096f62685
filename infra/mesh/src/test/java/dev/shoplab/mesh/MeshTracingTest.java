package dev.shoplab.mesh;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.traces.Span;
import dev.shoplab.traces.Trace;
import dev.shoplab.traces.TraceReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mesh's spans, read back over real OTLP by the lab's receiver: a request is a span under the caller's
 * {@code traceparent}, each try a span under it, and each try's context is what the upstream receives; with tracing
 * off the header passes through untouched.
 */
class MeshTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String CALLER = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";
    private static final String RETRYING = MeshHarness.virtualService("""
            retries:
              attempts: 3
              perTryTimeout: 5s
              retryOn: 5xx,gateway-error,connect-failure,reset
            """);

    @RegisterExtension
    static final UpstreamServers UPSTREAMS = new UpstreamServers();

    @TempDir
    Path dir;

    private final TraceReceiver receiver = TraceReceiver.start("127.0.0.1", 0);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void every_try_is_a_span_under_the_request_and_the_upstream_receives_its_context() throws Exception {
        try (TestUpstream up = UPSTREAMS.start((req, body, n) -> req.response().setStatusCode(n < 3 ? 503 : 200)
                .end("try " + n));
             MeshHarness mesh = MeshHarness.start(dir, RETRYING, MeshSettings.DEFAULT_MAX_BODY, receiver.endpoint(),
                     up.address())) {
            HttpResponse<String> response = mesh.send(mesh.request("/api/thing").header("traceparent", CALLER)
                    .GET().build());
            assertEquals(200, response.statusCode());
        } // closing the mesh exports what it holds

        Trace trace = await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.trace(TRACE_ID).filter(t -> t.spans().size() == 4), Optional::isPresent)
                .orElseThrow();
        Span request = trace.spans().get(0);
        assertEquals("mesh svc", request.name());
        assertEquals(Span.Kind.SERVER, request.kind());
        assertEquals(CALLER_SPAN, request.parentSpanId(), "the request continues the caller's span");
        assertEquals("mesh", request.service());
        assertEquals("test", request.namespace());
        assertEquals("3", request.attributes().get("shoplab.mesh.tries"));
        assertEquals("200", request.attributes().get("http.response.status_code"));

        List<Span> tries = trace.spans().subList(1, 4);
        assertEquals(List.of("try 1 svc", "try 2 svc", "try 3 svc"), tries.stream().map(Span::name).toList());
        assertEquals(List.of("503", "503", "200"), tries.stream().map(s -> s.attributes().get("shoplab.mesh.outcome"))
                .toList());
        assertEquals(List.of("false", "true", "true"), tries.stream().map(s -> s.attributes().get("shoplab.mesh.retry"))
                .toList());
        assertEquals(List.of(Span.Status.ERROR, Span.Status.ERROR, Span.Status.UNSET),
                tries.stream().map(Span::status).toList());
        for (Span attempt : tries) {
            assertEquals(request.spanId(), attempt.parentSpanId());
            assertEquals(Span.Kind.CLIENT, attempt.kind());
            assertEquals("svc", attempt.attributes().get("shoplab.mesh.destination"));
            assertEquals("127.0.0.1", attempt.attributes().get("server.address"));
        }
    }

    @Test
    void each_try_sends_its_own_span_as_the_upstreams_parent() throws Exception {
        try (TestUpstream up = UPSTREAMS.start((req, body, n) -> req.response().setStatusCode(n < 2 ? 503 : 200).end());
             MeshHarness mesh = MeshHarness.start(dir, RETRYING, MeshSettings.DEFAULT_MAX_BODY, receiver.endpoint(),
                     up.address())) {
            mesh.send(mesh.request("/api/thing").header("traceparent", CALLER).GET().build());

            Trace trace = await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.trace(TRACE_ID).filter(t -> t.spans().size() == 3), Optional::isPresent)
                    .orElseThrow();
            List<String> trySpans = trace.spans().stream().filter(s -> s.kind() == Span.Kind.CLIENT)
                    .map(s -> "00-" + TRACE_ID + "-" + s.spanId() + "-01").toList();
            assertEquals(trySpans, up.seen().stream().map(TestUpstream.Seen::traceparent).toList());
        }
    }

    @Test
    void with_tracing_off_the_callers_traceparent_reaches_the_upstream_untouched() throws Exception {
        try (TestUpstream up = UPSTREAMS.start(TestUpstream.answering(200, "ok"));
             MeshHarness mesh = MeshHarness.start(dir, RETRYING, up.address())) {
            mesh.send(mesh.request("/api/thing").header("traceparent", CALLER).GET().build());
            mesh.get("/api/other");

            assertEquals(CALLER, up.seen().get(0).traceparent());
            assertEquals(null, up.seen().get(1).traceparent(), "no header is made up");
            assertTrue(receiver.recent(10).isEmpty());
        }
    }
}
