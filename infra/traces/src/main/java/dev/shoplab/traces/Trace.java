package dev.shoplab.traces;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * The spans the receiver holds of one trace (one order, when the services propagate {@code traceparent}), in start
 * order. A trace the receiver is still receiving grows: each call returns what had arrived by then. Spans cut by
 * the receiver's limits, or never sent, are missing; a span whose parent is missing is shown as a root.
 *
 * @param traceId 32 lowercase hex digits
 * @param spans   its spans, earliest start first (ties: the longer first)
 */
public record Trace(String traceId, List<Span> spans) {

    /**
     * The span attribute that carries an order id ({@code POST /api/orders}'s answer), set by shoplab's services where
     * they know it; {@link TraceReceiver#byOrderId(String)} finds a trace by it.
     */
    public static final String ORDER_ID_ATTRIBUTE = "shoplab.order.id";

    /** Earliest start first; of two that start together, the longer (the parent, usually) first. */
    static final Comparator<Span> START_ORDER = Comparator.comparingLong(Span::startEpochNanos)
            .thenComparing(Comparator.comparingLong(Span::endEpochNanos).reversed())
            .thenComparing(Span::spanId);

    /**
     * One line of a waterfall.
     *
     * @param span  the span
     * @param depth 0 for a root, its parent's depth + 1 otherwise
     */
    public record WaterfallRow(Span span, int depth) {
    }

    /**
     * A part of a trace's duration and who spent it ({@link #whereTheTimeWent()}).
     *
     * @param who  a service ({@code service.name}: {@code payment-service}, {@code mesh}, {@code simulators}), or one
     *             of {@link #IN_THE_OUTBOX}, {@link #IN_KAFKA}, {@link #NO_SPAN} for time no span covers
     * @param time how much of the trace's duration, never negative
     */
    public record TimeShare(String who, Duration time) {
    }

    /** Time no span covers, before a {@code PRODUCER} span: an event written, waiting for the outbox relay. */
    public static final String IN_THE_OUTBOX = "in the outbox";
    /** Time no span covers, before a {@code CONSUMER} span: an event published, not yet taken by its consumer. */
    public static final String IN_KAFKA = "in Kafka";
    /** Time no span covers, before any other span: work waiting for a poller, a thread or a timer. */
    public static final String NO_SPAN = "waiting (no span)";

    public Trace {
        Objects.requireNonNull(traceId, "traceId");
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("a trace has at least one span");
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(START_ORDER);
        spans = List.copyOf(sorted);
    }

    /** The span that started the trace: the earliest span without a parent, else the earliest span. */
    public Span root() {
        return spans.stream().filter(Span::isRoot).findFirst().orElse(spans.get(0));
    }

    /** When its first span started, nanoseconds since the epoch. */
    public long startEpochNanos() {
        return spans.get(0).startEpochNanos();
    }

    /** When its last span ended, nanoseconds since the epoch. */
    public long endEpochNanos() {
        return spans.stream().mapToLong(Span::endEpochNanos).max().orElseThrow();
    }

    /**
     * From the first start to the last end: the whole order, also where the root ended long before (the event-driven
     * system's {@code 202}, answered before its saga runs).
     */
    public Duration duration() {
        return Duration.ofNanos(endEpochNanos() - startEpochNanos());
    }

    /** The order id the earliest span that carries one names ({@link #ORDER_ID_ATTRIBUTE}). */
    public Optional<String> orderId() {
        return spans.stream().map(Span::orderId).filter(Objects::nonNull).findFirst();
    }

    /** The architecture: the root's {@code service.namespace}, {@code ""} if it has none. */
    public String namespace() {
        return root().namespace();
    }

    /** The services that sent spans of it, in the order of their first span's start. */
    public Set<String> services() {
        Set<String> services = new LinkedHashSet<>();
        spans.forEach(s -> services.add(s.service()));
        return services;
    }

    /** The span with this id (16 hex digits), if it arrived. */
    public Optional<Span> span(String spanId) {
        return spans.stream().filter(s -> s.spanId().equals(spanId)).findFirst();
    }

    /** The spans whose parent is {@code parent}, in start order. */
    public List<Span> children(Span parent) {
        return spans.stream().filter(s -> s.parentSpanId().equals(parent.spanId())).toList();
    }

    /**
     * True when the spans form one tree: every span but one names a parent that has arrived. A trace whose
     * processes have not all exported yet (each sends its spans in batches of its own) is not whole.
     */
    public boolean isWhole() {
        return waterfall().stream().filter(row -> row.depth() == 0).count() == 1;
    }

    /** True when one of its spans has status {@code ERROR}. */
    public boolean hasError() {
        return spans.stream().anyMatch(s -> s.status() == Span.Status.ERROR);
    }

    /**
     * The spans as a waterfall: every span right under its parent, children in start order, depth first; spans whose
     * parent is missing start at depth 0, in start order. Every span appears exactly once.
     */
    public List<WaterfallRow> waterfall() {
        Set<String> ids = new HashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        Map<String, List<Span>> children = new HashMap<>();
        List<Span> tops = new ArrayList<>();
        for (Span span : spans) { // already in start order, so every list below is too
            if (span.isRoot() || !ids.contains(span.parentSpanId()) || span.parentSpanId().equals(span.spanId())) {
                tops.add(span);
            } else {
                children.computeIfAbsent(span.parentSpanId(), p -> new ArrayList<>()).add(span);
            }
        }
        List<WaterfallRow> rows = new ArrayList<>(spans.size());
        Set<Span> placed = new HashSet<>();
        for (Span top : tops) {
            walk(top, children, rows, placed);
        }
        // spans whose parents form a cycle reach no top: show them as tops rather than lose them
        for (Span span : spans) {
            if (!placed.contains(span)) {
                walk(span, children, rows, placed);
            }
        }
        return List.copyOf(rows);
    }

    private static void walk(Span top, Map<String, List<Span>> children, List<WaterfallRow> rows, Set<Span> placed) {
        Deque<WaterfallRow> stack = new ArrayDeque<>();
        stack.push(new WaterfallRow(top, 0));
        while (!stack.isEmpty()) {
            WaterfallRow row = stack.pop();
            if (!placed.add(row.span())) {
                continue;
            }
            rows.add(row);
            List<Span> kids = children.getOrDefault(row.span().spanId(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new WaterfallRow(kids.get(i), row.depth() + 1));
            }
        }
    }

    /**
     * Where the time went, from the first start to the last end: each instant goes to the service of the deepest span
     * running then (of two as deep, the one that started last), so a caller waiting for its callee does not count
     * twice, and the mesh keeps only what it adds around a try. An instant no span covers goes to what comes next: the
     * outbox ({@link #IN_THE_OUTBOX}) before an event is published, Kafka ({@link #IN_KAFKA}) before it is consumed,
     * {@link #NO_SPAN} otherwise. The shares add up to {@link #duration()}; the largest comes first (of two equal, the one seen first).
     */
    public List<TimeShare> whereTheTimeWent() {
        List<WaterfallRow> rows = waterfall();
        long[] instants = spans.stream().flatMapToLong(s -> LongStream.of(s.startEpochNanos(), s.endEpochNanos()))
                .sorted().distinct().toArray();
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (int i = 0; i + 1 < instants.length; i++) {
            long from = instants[i];
            long to = instants[i + 1];
            WaterfallRow busy = null;
            for (WaterfallRow row : rows) {
                Span s = row.span();
                if (s.startEpochNanos() <= from && s.endEpochNanos() >= to && (busy == null
                        || row.depth() > busy.depth() || row.depth() == busy.depth()
                        && s.startEpochNanos() > busy.span().startEpochNanos())) {
                    busy = row;
                }
            }
            nanos.merge(busy != null ? busy.span().service() : waitingFor(to), to - from, Long::sum);
        }
        return nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> new TimeShare(e.getKey(), Duration.ofNanos(e.getValue()))).toList();
    }

    /** What time no span covers waits for: the kind of the span that starts when it ends. */
    private String waitingFor(long until) {
        Span.Kind next = spans.stream().filter(s -> s.startEpochNanos() == until).findFirst().map(Span::kind)
                .orElse(Span.Kind.UNSPECIFIED);
        return switch (next) {
            case PRODUCER -> IN_THE_OUTBOX;
            case CONSUMER -> IN_KAFKA;
            default -> NO_SPAN;
        };
    }

    /** This trace in one line, for lists. */
    public TraceSummary summary() {
        Span root = root();
        return new TraceSummary(traceId, root.namespace(), root.service(), root.name(), orderId().orElse(""),
                startEpochNanos(), endEpochNanos(), spans.size(), services(), hasError());
    }
}
