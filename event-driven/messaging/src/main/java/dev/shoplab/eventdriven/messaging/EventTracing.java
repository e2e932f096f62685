package dev.shoplab.eventdriven.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The event-driven system's own spans (OpenTelemetry; docs/adr/0014-tracing-with-opentelemetry.md), so one order's
 * saga is one trace across the four services: a {@code PRODUCER} span for each event the outbox relay publishes
 * (under the span that wrote the event; its context is the {@code traceparent} header sent), a {@code CONSUMER} span
 * for each event a service processes (a child of that producer span, and linked to it, as OpenTelemetry's messaging
 * conventions suggest), and a {@code CLIENT} span for each call to an external provider. HTTP server spans come from
 * Quarkus itself. With tracing off ({@code quarkus.otel.sdk.disabled=true}) the tracer is a no-op: each "span" is its
 * parent's context handed on, nothing is recorded, and the events carry the trace id as before.
 */
@ApplicationScoped
public class EventTracing {

    /** The order an event or a call is about (the same attribute in the three architectures). */
    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("shoplab.order.id");
    /** The event's type, e.g. {@code OrderPlaced}. */
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("shoplab.event.type");

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> MESSAGE_KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    private static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracer tracer;

    EventTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.shoplab.eventdriven.messaging");
    }

    /**
     * The trace context of work a request does now: its server span's (tracing on), else the caller's
     * {@code traceparent} continued, else a new trace.
     */
    public TraceParent current(String callerHeader) {
        SpanContext current = Span.current().getSpanContext();
        return current.isValid() ? TraceParent.of(current) : TraceParent.continueOrStart(callerHeader);
    }

    /** Starts the span of publishing one outbox row, under the span that wrote it; end it with {@link #end}. */
    Span startPublish(OutboxRelay.Message message) {
        return tracer.spanBuilder(message.topic() + " publish").setSpanKind(SpanKind.PRODUCER)
                .setParent(TraceParent.resume(message.traceparent()).asParent())
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, message.topic())
                .setAttribute(OPERATION, "send").setAttribute(MESSAGE_ID, message.eventId())
                .setAttribute(MESSAGE_KEY, message.key()).setAttribute(EVENT_TYPE, message.eventType())
                .setAttribute(ORDER_ID, message.orderId())
                .startSpan();
    }

    /**
     * Starts the span of processing one record: a child of the producer's span named by its {@code traceparent}
     * header, and linked to it; a record without a valid header starts a trace.
     */
    Span startProcess(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, String traceparent) {
        var span = tracer.spanBuilder(record.topic() + " process").setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION, "process").setAttribute(MESSAGE_ID, envelope.eventId())
                .setAttribute(PARTITION, (long) record.partition()).setAttribute(OFFSET, record.offset())
                .setAttribute(EVENT_TYPE, envelope.type()).setAttribute(ORDER_ID, envelope.orderId());
        TraceParent.parse(traceparent).ifPresentOrElse(producer -> {
            Context parent = producer.asParent();
            span.setParent(parent).addLink(Span.fromContext(parent).getSpanContext());
        }, span::setNoParent);
        return span.startSpan();
    }

    /**
     * Starts the span of a call to an external provider, under the span of the work it is for ({@code traceparent}
     * of the payment or mail row, null: a new trace), about {@code orderId}; put its context into the request with
     * {@link #inject}.
     */
    Span startCall(String method, URI uri, String traceparent, String orderId) {
        var span = tracer.spanBuilder(method + " " + uri.getPath()).setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, method).setAttribute(URL, uri.toString())
                .setAttribute(SERVER_ADDRESS, uri.getHost()).setAttribute(SERVER_PORT, (long) uri.getPort());
        if (orderId != null) {
            span.setAttribute(ORDER_ID, orderId);
        }
        TraceParent.parse(traceparent).ifPresentOrElse(work -> span.setParent(work.asParent()), span::setNoParent);
        return span.startSpan();
    }

    /** Writes {@code span}'s context as {@code traceparent} (and {@code tracestate}) through {@code setter}. */
    static <C> void inject(Span span, C carrier, TextMapSetter<C> setter) {
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, setter);
    }

    /** The traceparent {@code span} stands for, or {@code otherwise} when it has no valid context (tracing off, no parent). */
    static TraceParent traceOf(Span span, TraceParent otherwise) {
        SpanContext context = span.getSpanContext();
        return context.isValid() ? TraceParent.of(context) : otherwise;
    }

    /** Ends a call's span with the provider's answer: a status code, or none (0) when it did not answer. */
    static void endCall(Span span, int status, String failure) {
        if (status > 0) {
            span.setAttribute(STATUS, (long) status);
        }
        if (status == 0 || status >= 500) {
            span.setStatus(StatusCode.ERROR, failure == null ? "HTTP " + status : failure);
        }
        span.end();
    }

    /** Ends a span, as failed when {@code failure} is not null. */
    static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.end();
    }
}
