package dev.shoplab.loadtests.live;

import dev.shoplab.traces.Trace;
import dev.shoplab.traces.TraceReceiver;
import java.time.Duration;
import java.util.Optional;

/** The page's traces read from the lab run's own receiver (infra/traces), as they stand when asked. */
final class ReceiverTraceSource implements TraceSource {

    private final TraceReceiver receiver;

    ReceiverTraceSource(TraceReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Optional<String> endpoint() {
        return Optional.of(receiver.endpoint());
    }

    @Override
    public Optional<TraceView> slowest(Duration window, Optional<String> architecture) {
        return architecture.map(a -> receiver.slowest(window, a)).orElseGet(() -> receiver.slowest(window))
                .map(ReceiverTraceSource::view);
    }

    @Override
    public Optional<TraceView> byOrderId(String orderId) {
        return receiver.byOrderId(orderId).map(ReceiverTraceSource::view);
    }

    static TraceView view(Trace trace) {
        return new TraceView(trace.traceId(), trace.namespace(), trace.orderId().orElse(""),
                trace.duration().toNanos(), trace.isWhole(),
                trace.whereTheTimeWent().stream().map(s -> new TimeShare(s.who(), s.time().toNanos())).toList(),
                trace.waterfall().stream().map(row -> new SpanView(row.span().spanId(), row.span().parentSpanId(),
                        row.depth(), row.span().service(), row.span().name(), row.span().kind().name(),
                        row.span().startEpochNanos(), row.span().endEpochNanos(), row.span().status().name(),
                        row.span().attributes())).toList());
    }
}
