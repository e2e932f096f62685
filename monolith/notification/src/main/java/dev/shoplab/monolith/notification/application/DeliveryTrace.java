package dev.shoplab.monolith.notification.application;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries the trace of the request that wrote a message over to its delivery on the relay's thread, as the W3C
 * {@code traceparent} kept in the outbox row (docs/adr/0014-tracing-with-opentelemetry.md): the mail provider call
 * is then a span of the order's trace. With tracing off there is no valid span, nothing is kept, nothing is resumed.
 */
final class DeliveryTrace {

    private static final String HEADER = "traceparent";
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    /** Headers as a map: what {@link #current()} writes the context into and {@link #resume} reads it from. */
    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private DeliveryTrace() {
    }

    /** The current span as a traceparent to keep with the message; null when there is none (tracing off). */
    static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> headers = new HashMap<>(2);
        W3C.inject(Context.current(), headers, Map::put);
        return headers.get(HEADER);
    }

    /** Makes the span a kept traceparent names current on this thread, until the scope closes (null: nothing). */
    static Scope resume(String traceparent) {
        if (traceparent == null) {
            return Scope.noop();
        }
        return W3C.extract(Context.root(), Map.of(HEADER, traceparent), HEADERS).makeCurrent();
    }
}
