package dev.shoplab.loadtests.live;

import dev.shoplab.lab.LabRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the page's trace panel reads one order's trace as a waterfall: the lab run's own OpenTelemetry receiver
 * (infra/traces, {@link LabRun#receiveTraces()}), or nothing when the run sends its traces to a collector of the
 * user's or traces nothing. The panel only shows what the receiver holds: nothing is made up.
 */
public interface TraceSource extends AutoCloseable {

    /**
     * One span of a trace, as a row of its waterfall.
     *
     * @param depth            0 for a root (or a span whose parent has not arrived), its parent's depth + 1 otherwise
     * @param service          the service that recorded it ({@code payment-service}, {@code mesh})
     * @param kind             {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER} or {@code INTERNAL}
     * @param startEpochNanos  when it started, ns since the epoch
     * @param endEpochNanos    when it ended
     * @param status           {@code OK}, {@code ERROR} or {@code UNSET}
     */
    record SpanView(String spanId, String parentSpanId, int depth, String service, String name, String kind,
                    long startEpochNanos, long endEpochNanos, String status, Map<String, String> attributes) {
    }

    /**
     * A part of a trace's duration and who spent it: a service, or time no span covers ({@code in the outbox},
     * {@code in Kafka}, {@code waiting (no span)}).
     */
    record TimeShare(String who, long nanos) {
    }

    /**
     * A trace: its spans as a waterfall (every span under its parent, children in start order) and where its time
     * went (the shares add up to {@code durationNanos}, the largest first).
     *
     * @param architecture the root span's {@code service.namespace}
     * @param orderId      the order it placed ({@code ""} when no span names one)
     * @param durationNanos from its first start to its last end
     * @param whole        false while some span's parent has not arrived (each process exports on its own)
     */
    record TraceView(String traceId, String architecture, String orderId, long durationNanos, boolean whole,
                     List<TimeShare> whereTheTimeWent, List<SpanView> spans) {
    }

    /** Whether traces can be read here (false: the panel says why there are none). */
    boolean available();

    /** Where the services send OTLP, for the page's note: this lab's receiver, or a collector of the user's. */
    Optional<String> endpoint();

    /** The slowest order's trace among those that ended in the last {@code window}, of one architecture or any. */
    Optional<TraceView> slowest(Duration window, Optional<String> architecture);

    /** The trace of the order with that id. */
    Optional<TraceView> byOrderId(String orderId);

    /** The run's traces are its business: closing a source stops nothing. */
    @Override
    default void close() {
    }

    /**
     * The traces of {@code run}: its receiver when it has one; {@link #elsewhere} when its processes send their traces
     * to a collector of the user's; {@link #NONE} when they trace nothing.
     */
    static TraceSource of(LabRun run) {
        if (run.traceReceiver().isPresent()) {
            return new ReceiverTraceSource(run.traceReceiver().get());
        }
        return run.traces().map(t -> elsewhere(t.url())).orElse(NONE);
    }

    /** Traces sent to a collector at {@code endpoint}: none to show here, the panel says where to look. */
    static TraceSource elsewhere(String endpoint) {
        return new NotHere(Optional.of(endpoint));
    }

    /** Nothing traced: every question has no trace. */
    TraceSource NONE = new NotHere(Optional.empty());

    /** No traces to read here: sent to {@code endpoint}, or nowhere when it is empty. */
    record NotHere(Optional<String> endpoint) implements TraceSource {

        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Optional<TraceView> slowest(Duration window, Optional<String> architecture) {
            return Optional.empty();
        }

        @Override
        public Optional<TraceView> byOrderId(String orderId) {
            return Optional.empty();
        }
    }
}
