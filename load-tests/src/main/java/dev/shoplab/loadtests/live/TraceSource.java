package dev.shoplab.loadtests.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the page's trace panel reads one order's trace as a waterfall: the OpenTelemetry receiver of the lab
 * (infra/traces) once it runs beside the live lab; {@link #NONE} until then. The panel only shows what the
 * receiver holds: nothing is made up.
 */
public interface TraceSource extends AutoCloseable {

    /**
     * One span of a trace.
     *
     * @param service          the service that recorded it ({@code payment-service}, {@code mesh})
     * @param kind             {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER} or {@code INTERNAL}
     * @param startEpochNanos  when it started, ns since the epoch
     * @param endEpochNanos    when it ended
     * @param status           {@code OK}, {@code ERROR} or {@code UNSET}
     */
    record SpanView(String spanId, String parentSpanId, String service, String name, String kind, long startEpochNanos,
                    long endEpochNanos, String status, Map<String, String> attributes) {
    }

    /** A trace: its id and its spans as a waterfall (by start, parents before children). */
    record TraceView(String traceId, List<SpanView> spans) {
    }

    /** Whether traces can be read at all (false: the panel says that tracing is not running). */
    boolean available();

    /** Where services send OTLP, for the page's footnote; empty when {@link #available()} is false. */
    Optional<String> endpoint();

    /** The slowest order's trace among those that ended in the last {@code window}. */
    Optional<TraceView> slowest(Duration window);

    /** The trace of the order with that id. */
    Optional<TraceView> byOrderId(String orderId);

    @Override
    default void close() {
    }

    /** No receiver: every question has no trace. */
    TraceSource NONE = new TraceSource() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Optional<String> endpoint() {
            return Optional.empty();
        }

        @Override
        public Optional<TraceView> slowest(Duration window) {
            return Optional.empty();
        }

        @Override
        public Optional<TraceView> byOrderId(String orderId) {
            return Optional.empty();
        }
    };
}
