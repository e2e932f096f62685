package dev.shoplab.eventdriven.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} ({@code 00-<trace-id>-<parent-id>-<flags>}): the span an event was written
 * in, carried as a Kafka header on every event and kept in the rows of deferred work (payments, mails), so one
 * order's saga is one trace across four services. With tracing on it names a real OpenTelemetry span
 * ({@link EventTracing}); with tracing off the trace id still travels. Read and written by OpenTelemetry's
 * W3C propagator.
 */
public record TraceParent(String traceId, String spanId, String flags) {

    /** The Kafka header and HTTP header name. */
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<String> ONE_HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    /** A header read; empty when absent or not a valid traceparent (then a new trace starts). */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), header.trim(), ONE_HEADER);
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? Optional.of(of(span)) : Optional.empty();
    }

    /** The traceparent of an OpenTelemetry span context (which must be valid). */
    public static TraceParent of(SpanContext span) {
        if (!span.isValid()) {
            throw new IllegalArgumentException("not a valid span context: " + span);
        }
        return new TraceParent(span.getTraceId(), span.getSpanId(), span.getTraceFlags().asHex());
    }

    /** A new trace, sampled. */
    public static TraceParent newRoot() {
        return new TraceParent(randomHex(16), randomHex(8), "01");
    }

    /** The span of work done on behalf of the caller's {@code header}: its trace continued, or a new trace. */
    public static TraceParent continueOrStart(String header) {
        return parse(header).map(TraceParent::child).orElseGet(TraceParent::newRoot);
    }

    /** The span {@code header} names, or a new trace when it names none (deferred work resumed from a row). */
    public static TraceParent resume(String header) {
        return parse(header).orElseGet(TraceParent::newRoot);
    }

    /** A child span: the same trace, a new span id. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), flags);
    }

    /** The span as OpenTelemetry's remote parent context, for spans that continue it. */
    public Context asParent() {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(traceId, spanId,
                TraceFlags.fromHex(flags, 0), TraceState.getDefault())));
    }

    /** The header value. */
    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    @Override
    public String toString() {
        return header();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (isZero(random));
        return HexFormat.of().formatHex(random);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
