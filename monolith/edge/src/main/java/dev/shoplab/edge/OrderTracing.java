package dev.shoplab.edge;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * Puts an order's id on the span of the request that handles it ({@value #ORDER_ID_KEY}), so that the order's trace
 * can be found by the id the client got (docs/adr/0014-tracing-with-opentelemetry.md). While tracing is off the
 * current span is a no-op one, and this costs nothing.
 */
public final class OrderTracing {

    /** The attribute's name, the same in the three architectures and in the lab's trace receiver. */
    public static final String ORDER_ID_KEY = "shoplab.order.id";

    private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey(ORDER_ID_KEY);

    private OrderTracing() {
    }

    /** Sets {@value #ORDER_ID_KEY} = {@code orderId} on the current span (the request's server span in a resource). */
    public static void tag(Object orderId) {
        Span.current().setAttribute(ORDER_ID, String.valueOf(orderId));
    }
}
