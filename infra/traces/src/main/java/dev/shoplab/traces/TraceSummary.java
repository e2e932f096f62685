package dev.shoplab.traces;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A held trace in one line, for a list to pick from ({@link TraceReceiver#recent(int)}).
 *
 * @param traceId         32 lowercase hex digits
 * @param namespace       the root's {@code service.namespace} (the architecture), {@code ""} if none
 * @param rootService     the root span's service
 * @param rootName        the root span's name, for example {@code POST /api/orders}
 * @param orderId         the order it carries ({@link Trace#ORDER_ID_ATTRIBUTE}), {@code ""} if none
 * @param startEpochNanos its first span's start, nanoseconds since the epoch
 * @param endEpochNanos   its last span's end, nanoseconds since the epoch
 * @param spanCount       spans held
 * @param services        the services that sent spans, in the order of their first span's start
 * @param error           true when a span has status {@code ERROR}
 */
public record TraceSummary(String traceId, String namespace, String rootService, String rootName, String orderId,
                           long startEpochNanos, long endEpochNanos, int spanCount, Set<String> services,
                           boolean error) {

    public TraceSummary {
        services = Collections.unmodifiableSet(new LinkedHashSet<>(services));
    }

    /** From the first start to the last end. */
    public Duration duration() {
        return Duration.ofNanos(endEpochNanos - startEpochNanos);
    }
}
