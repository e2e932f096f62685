package dev.shoplab.eventdriven.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jboss.logging.MDC;

/**
 * The trace and span id of work that is not an HTTP request (an event being applied, a provider call being recorded)
 * in the log context, under the keys Quarkus uses for a request's ({@code traceId}, {@code spanId}), so those log lines
 * name their trace too; removed on {@link #close()}.
 */
final class LogContext implements AutoCloseable {

    private static final String TRACE_ID = "traceId";
    private static final String SPAN_ID = "spanId";

    private final boolean set;

    private LogContext(boolean set) {
        this.set = set;
    }

    /** Puts {@code span}'s ids in the log context of this thread, if it has valid ones. */
    static LogContext of(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return new LogContext(false);
        }
        MDC.put(TRACE_ID, context.getTraceId());
        MDC.put(SPAN_ID, context.getSpanId());
        return new LogContext(true);
    }

    @Override
    public void close() {
        if (set) {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
    }
}
