package dev.shoplab.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiver over the wire: real OTLP/HTTP from the OpenTelemetry SDK's own exporter, and what it refuses. */
class TraceReceiverTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final TraceReceiver receiver = TraceReceiver.start("127.0.0.1", 0);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void spans_exported_by_the_sdk_arrive_as_one_trace_with_service_kind_status_attributes_and_links() {
        try (Sender order = new Sender(receiver, "order-service", "event-driven", "none");
             Sender payment = new Sender(receiver, "payment-service", "event-driven", "gzip")) {
            io.opentelemetry.api.trace.Span root = order.tracer.spanBuilder("POST /api/orders")
                    .setSpanKind(SpanKind.SERVER).startSpan();
            root.setAttribute(Trace.ORDER_ID_ATTRIBUTE, "o-42");
            io.opentelemetry.api.trace.Span send = order.tracer.spanBuilder("orders.v1 publish")
                    .setParent(Context.current().with(root)).setSpanKind(SpanKind.PRODUCER).startSpan();
            send.end();
            root.end();
            io.opentelemetry.api.trace.Span process = payment.tracer.spanBuilder("orders.v1 process")
                    .setParent(Context.current().with(send)).addLink(send.getSpanContext())
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute(AttributeKey.longKey("messaging.kafka.message.offset"), 7L)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), java.util.List.of("a", "b"))
                    .startSpan();
            process.recordException(new IllegalStateException("PSP down"));
            process.setStatus(StatusCode.ERROR, "payment failed");
            process.end();
            order.flush();
            payment.flush();

            String traceId = root.getSpanContext().getTraceId();
            Trace trace = await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.trace(traceId).filter(t -> t.spans().size() == 3), java.util.Optional::isPresent)
                    .orElseThrow();

            assertThat(trace.services()).containsExactly("order-service", "payment-service");
            assertThat(trace.namespace()).isEqualTo("event-driven");
            assertThat(trace.orderId()).contains("o-42");
            assertThat(trace.waterfall()).extracting(r -> r.depth() + " " + r.span().service() + " " + r.span().kind()
                    + " " + r.span().name()).containsExactly(
                    "0 order-service SERVER POST /api/orders",
                    "1 order-service PRODUCER orders.v1 publish",
                    "2 payment-service CONSUMER orders.v1 process");
            Span consumer = trace.waterfall().get(2).span();
            assertThat(consumer.parentSpanId()).isEqualTo(send.getSpanContext().getSpanId());
            assertThat(consumer.links()).singleElement().satisfies(link -> {
                assertThat(link.traceId()).isEqualTo(traceId);
                assertThat(link.spanId()).isEqualTo(send.getSpanContext().getSpanId());
            });
            assertThat(consumer.status()).isEqualTo(Span.Status.ERROR);
            assertThat(consumer.statusMessage()).isEqualTo("payment failed");
            assertThat(consumer.attributes()).containsEntry("messaging.kafka.message.offset", "7")
                    .containsEntry("tags", "[a, b]")
                    .containsEntry("exception.type", "java.lang.IllegalStateException")
                    .containsEntry("exception.message", "PSP down");
            assertThat(consumer.endEpochNanos()).isGreaterThanOrEqualTo(consumer.startEpochNanos());
            assertThat(receiver.byOrderId("o-42").map(Trace::traceId)).contains(traceId);
            assertThat(receiver.trace(traceId.toUpperCase())).isPresent();
            assertThat(receiver.recent(5)).extracting(TraceSummary::traceId).contains(traceId);
        }
    }

    @Test
    void the_slowest_recent_order_comes_over_the_wire_with_its_exporters_timestamps() {
        try (Sender sender = new Sender(receiver, "monolith", "monolith", "none")) {
            Instant now = Instant.now();
            String fast = order(sender, "o-fast", now.minusMillis(300), now.minusMillis(200));
            String slow = order(sender, "o-slow", now.minusMillis(2_000), now.minusMillis(100));
            order(sender, "o-old", now.minusSeconds(120), now.minusSeconds(60));
            sender.flush();

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.stats().heldTraces() == 3);
            assertThat(receiver.slowest(Duration.ofSeconds(10)).map(Trace::traceId)).contains(slow);
            assertThat(receiver.slowest(Duration.ofSeconds(10), "monolith").map(Trace::traceId)).contains(slow);
            assertThat(receiver.slowest(Duration.ofSeconds(10), "event-driven")).isEmpty();
            assertThat(receiver.byOrderId("o-fast").map(Trace::traceId)).contains(fast);
            assertThat(receiver.trace(slow).orElseThrow().duration()).isEqualTo(Duration.ofMillis(1_900));
        }
    }

    @Test
    void a_small_receiver_drops_the_eldest_traces_it_receives_and_counts_them() {
        try (TraceReceiver small = TraceReceiver.start("127.0.0.1", 0, new Limits(2, 10, 20, 64));
             Sender sender = new Sender(small, "monolith", "monolith", "none")) {
            for (int i = 0; i < 5; i++) {
                sender.tracer.spanBuilder("order " + i).startSpan().end();
                sender.flush(); // one at a time, so they arrive in this order
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> small.stats().receivedSpans() == 5);
            assertThat(small.recent(10)).extracting(TraceSummary::rootName).containsExactly("order 4", "order 3");
            assertThat(small.stats().droppedTraces()).isEqualTo(3);
        }
    }

    @Test
    void what_is_not_otlp_protobuf_is_refused_with_a_status_saying_what_to_send() throws Exception {
        String url = receiver.endpoint() + TraceReceiver.TRACES_PATH;
        HttpResponse<String> json = post(url, "application/json", "{\"resourceSpans\":[]}".getBytes());
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.body()).contains("http/protobuf");

        HttpResponse<String> garbage = post(url, "application/x-protobuf", new byte[] {(byte) 0xff, 0x01, 0x02});
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("ExportTraceServiceRequest");

        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");

        assertThat(post(receiver.endpoint() + "/v1/metrics", "application/x-protobuf", new byte[0]).statusCode())
                .isEqualTo(404);
        assertThat(receiver.stats().rejectedRequests()).isEqualTo(4);
        assertThat(receiver.stats().receivedSpans()).isZero();
    }

    @Test
    void an_empty_export_is_accepted_and_a_busy_port_is_a_clear_error() throws Exception {
        HttpResponse<String> empty = post(receiver.tracesUrl(), "application/x-protobuf", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.headers().firstValue("Content-Type")).contains("application/x-protobuf");

        int port = URI.create(receiver.endpoint()).getPort();
        assertThatThrownBy(() -> TraceReceiver.start("127.0.0.1", port)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("choose another port");
    }

    private static String order(Sender sender, String orderId, Instant start, Instant end) {
        io.opentelemetry.api.trace.Span span = sender.tracer.spanBuilder("POST /api/orders")
                .setSpanKind(SpanKind.SERVER).setStartTimestamp(start).startSpan();
        span.setAttribute(Trace.ORDER_ID_ATTRIBUTE, orderId);
        span.end(end);
        return span.getSpanContext().getTraceId();
    }

    private static HttpResponse<String> post(String url, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A service's OpenTelemetry SDK exporting every span at once over OTLP/HTTP protobuf to the receiver. */
    private static final class Sender implements AutoCloseable {
        final SdkTracerProvider provider;
        final Tracer tracer;

        Sender(TraceReceiver receiver, String service, String namespace, String compression) {
            OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                    .setEndpoint(receiver.tracesUrl()).setCompression(compression).build();
            provider = SdkTracerProvider.builder()
                    .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service,
                            AttributeKey.stringKey("service.namespace"), namespace)))
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
            tracer = provider.get("test");
        }

        void flush() {
            CompletableResultCode done = provider.forceFlush().join(10, TimeUnit.SECONDS);
            assertThat(done.isSuccess()).as("the exporter's send succeeded").isTrue();
        }

        @Override
        public void close() {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
