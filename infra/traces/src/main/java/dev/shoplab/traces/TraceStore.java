package dev.shoplab.traces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The receiver's memory: the traces it holds within its {@link Limits}, and an index from order id to trace. */
final class TraceStore {

    /** One held trace: its spans in arrival order, the order ids it is indexed under, and when it last ended. */
    private static final class Held {
        final ArrayDeque<Span> spans = new ArrayDeque<>();
        final Set<String> orderIds = new HashSet<>(2);
        long endEpochNanos = Long.MIN_VALUE;
        boolean carriesOrder;
    }

    private final Limits limits;
    private final Clock clock;
    /** Insertion order is the order traces were first seen: the eldest is dropped first. */
    private final LinkedHashMap<String, Held> traces = new LinkedHashMap<>();
    private final Map<String, String> traceByOrderId = new HashMap<>();
    private int heldSpans;
    private long receivedSpans;
    private long droppedTraces;
    private long droppedSpans;

    TraceStore(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    synchronized void add(List<Span> spans) {
        for (Span span : spans) {
            receivedSpans++;
            Held held = traces.computeIfAbsent(span.traceId(), id -> new Held());
            held.spans.addLast(span);
            heldSpans++;
            if (held.spans.size() > limits.maxSpansPerTrace()) {
                held.spans.removeFirst();
                heldSpans--;
                droppedSpans++;
            }
            held.endEpochNanos = Math.max(held.endEpochNanos, span.endEpochNanos());
            String orderId = span.orderId();
            if (orderId != null) {
                held.carriesOrder = true;
                // the first trace that names an order is the one that placed it (a replayed POST comes later)
                if (traceByOrderId.putIfAbsent(orderId, span.traceId()) == null) {
                    held.orderIds.add(orderId);
                }
            }
            evictBeyondLimits(span.traceId());
        }
    }

    /** Drops the eldest traces until both trace and span limits hold, never the one being added to. */
    private void evictBeyondLimits(String keep) {
        Iterator<Map.Entry<String, Held>> eldest = traces.entrySet().iterator();
        while ((traces.size() > limits.maxTraces() || heldSpans > limits.maxSpans()) && eldest.hasNext()) {
            Map.Entry<String, Held> entry = eldest.next();
            if (entry.getKey().equals(keep)) {
                continue;
            }
            Held held = entry.getValue();
            eldest.remove();
            heldSpans -= held.spans.size();
            droppedTraces++;
            held.orderIds.forEach(traceByOrderId::remove);
        }
    }

    synchronized Optional<Trace> trace(String traceId) {
        Held held = traces.get(traceId);
        return held == null ? Optional.empty() : Optional.of(new Trace(traceId, List.copyOf(held.spans)));
    }

    synchronized Optional<Trace> byOrderId(String orderId) {
        String traceId = traceByOrderId.get(orderId);
        return traceId == null ? Optional.empty() : trace(traceId);
    }

    synchronized Optional<Trace> slowest(Duration window, String namespace) {
        long since = epochNanos(clock.instant().minus(window));
        Trace slowest = null;
        for (Map.Entry<String, Held> entry : traces.entrySet()) {
            Held held = entry.getValue();
            if (!held.carriesOrder || held.endEpochNanos < since) {
                continue;
            }
            Trace trace = new Trace(entry.getKey(), List.copyOf(held.spans));
            if (namespace != null && !namespace.equals(trace.namespace())) {
                continue;
            }
            if (slowest == null || trace.duration().compareTo(slowest.duration()) > 0) {
                slowest = trace;
            }
        }
        return Optional.ofNullable(slowest);
    }

    synchronized List<TraceSummary> recent(int max) {
        List<TraceSummary> all = new ArrayList<>(traces.size());
        traces.forEach((id, held) -> all.add(new Trace(id, List.copyOf(held.spans)).summary()));
        all.sort(Comparator.comparingLong(TraceSummary::startEpochNanos).reversed());
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }

    synchronized TraceReceiver.Stats stats(long rejectedRequests) {
        return new TraceReceiver.Stats(receivedSpans, traces.size(), heldSpans, droppedTraces, droppedSpans,
                rejectedRequests);
    }

    static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
