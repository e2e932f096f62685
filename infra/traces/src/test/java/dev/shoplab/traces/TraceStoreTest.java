package dev.shoplab.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The receiver's memory: bounds, what goes first, the order-id index, the waterfall and the slowest order. */
class TraceStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final long NOW_NANOS = TraceStore.epochNanos(NOW);
    private static final long MS = 1_000_000L;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void beyond_max_traces_the_trace_first_seen_longest_ago_goes_and_is_counted() {
        TraceStore store = new TraceStore(new Limits(2, 10, 100, 64), clock);
        store.add(List.of(span(trace(1), 1, 0, "a"), span(trace(2), 2, 0, "b")));
        store.add(List.of(span(trace(1), 3, 1, "a"))); // a later span does not make trace 1 younger
        store.add(List.of(span(trace(3), 4, 0, "c")));

        assertThat(store.trace(trace(1))).isEmpty();
        assertThat(store.trace(trace(2))).isPresent();
        assertThat(store.trace(trace(3))).isPresent();
        TraceReceiver.Stats stats = store.stats(0);
        assertThat(stats.droppedTraces()).isEqualTo(1);
        assertThat(stats.heldTraces()).isEqualTo(2);
        assertThat(stats.heldSpans()).isEqualTo(2);
        assertThat(stats.receivedSpans()).isEqualTo(4);
    }

    @Test
    void beyond_max_spans_per_trace_the_spans_received_first_go_so_the_root_which_ends_last_stays() {
        TraceStore store = new TraceStore(new Limits(10, 3, 100, 64), clock);
        // children end (and are exported) before their root
        store.add(List.of(span(trace(1), 2, 1, "try 1"), span(trace(1), 3, 1, "try 2"), span(trace(1), 4, 1, "try 3"),
                span(trace(1), 5, 1, "try 4"), span(trace(1), 1, 0, "POST /api/orders")));

        Trace trace = store.trace(trace(1)).orElseThrow();
        assertThat(trace.spans()).extracting(Span::name).containsExactlyInAnyOrder("try 3", "try 4", "POST /api/orders");
        assertThat(trace.root().name()).isEqualTo("POST /api/orders");
        assertThat(store.stats(0).droppedSpans()).isEqualTo(2);
        assertThat(store.stats(0).droppedTraces()).isZero();
    }

    @Test
    void beyond_max_spans_in_all_the_eldest_traces_go_but_never_the_one_being_filled() {
        TraceStore store = new TraceStore(new Limits(10, 3, 4, 64), clock);
        store.add(List.of(span(trace(1), 1, 0, "a"), span(trace(1), 2, 1, "a"), span(trace(2), 3, 0, "b")));
        store.add(List.of(span(trace(3), 4, 0, "c"), span(trace(3), 5, 4, "c"), span(trace(3), 6, 4, "c")));

        assertThat(store.trace(trace(1))).isEmpty();
        assertThat(store.trace(trace(2))).isPresent();
        assertThat(store.trace(trace(3)).orElseThrow().spans()).hasSize(3);
        assertThat(store.stats(0).heldSpans()).isEqualTo(4);
    }

    @Test
    void an_order_is_found_by_the_trace_that_placed_it_and_forgotten_with_it() {
        TraceStore store = new TraceStore(new Limits(2, 10, 100, 64), clock);
        store.add(List.of(withOrder(span(trace(1), 1, 0, "POST /api/orders"), "o-1")));
        store.add(List.of(withOrder(span(trace(2), 2, 0, "POST /api/orders (replayed)"), "o-1")));

        assertThat(store.byOrderId("o-1").orElseThrow().traceId()).isEqualTo(trace(1));
        assertThat(store.byOrderId("o-2")).isEmpty();

        store.add(List.of(span(trace(3), 3, 0, "GET /api/orders/o-1")));
        assertThat(store.trace(trace(1))).isEmpty();
        assertThat(store.byOrderId("o-1")).isEmpty();
    }

    @Test
    void slowest_is_the_longest_order_whose_last_span_ended_within_the_window() {
        TraceStore store = new TraceStore(Limits.DEFAULT, clock);
        // long, but over a minute ago
        store.add(List.of(order(trace(1), "monolith", NOW_NANOS - 70_000 * MS, NOW_NANOS - 60_000 * MS)));
        // an event-driven order: its root (the 202) is short, its saga ends 900 ms later
        store.add(List.of(order(trace(2), "event-driven", NOW_NANOS - 1_000 * MS, NOW_NANOS - 990 * MS),
                span(trace(2), 99, 1, "payments.v1 process", NOW_NANOS - 500 * MS, NOW_NANOS - 100 * MS)));
        store.add(List.of(order(trace(3), "monolith", NOW_NANOS - 400 * MS, NOW_NANOS - 10 * MS)));
        // slower, but no order: a poll
        store.add(List.of(span(trace(4), 1, 0, "GET /api/orders/x", NOW_NANOS - 3_000 * MS, NOW_NANOS - 5 * MS)));

        assertThat(store.slowest(Duration.ofSeconds(10), null).orElseThrow().traceId()).isEqualTo(trace(2));
        assertThat(store.slowest(Duration.ofSeconds(10), "monolith").orElseThrow().traceId()).isEqualTo(trace(3));
        assertThat(store.slowest(Duration.ofSeconds(10), "distributed-monolith")).isEmpty();
        assertThat(store.slowest(Duration.ofMinutes(2), "monolith").orElseThrow().traceId()).isEqualTo(trace(1));
    }

    @Test
    void recent_lists_the_latest_started_first_and_at_most_max() {
        TraceStore store = new TraceStore(Limits.DEFAULT, clock);
        store.add(List.of(span(trace(1), 1, 0, "a", NOW_NANOS - 3 * MS, NOW_NANOS),
                span(trace(2), 2, 0, "b", NOW_NANOS - 1 * MS, NOW_NANOS),
                span(trace(3), 3, 0, "c", NOW_NANOS - 2 * MS, NOW_NANOS)));

        assertThat(store.recent(2)).extracting(TraceSummary::rootName).containsExactly("b", "c");
        assertThat(store.recent(10)).hasSize(3);
    }

    @Test
    void the_waterfall_puts_each_span_under_its_parent_in_start_order_and_orphans_at_the_top() {
        String t = trace(7);
        Trace trace = new Trace(t, List.of(
                span(t, 4, 2, "inventory", NOW_NANOS + 2 * MS, NOW_NANOS + 3 * MS),
                span(t, 1, 0, "POST /api/orders", NOW_NANOS, NOW_NANOS + 10 * MS),
                span(t, 3, 1, "charge", NOW_NANOS + 5 * MS, NOW_NANOS + 8 * MS),
                span(t, 2, 1, "reserve", NOW_NANOS + 1 * MS, NOW_NANOS + 4 * MS),
                span(t, 9, 8, "parent never arrived", NOW_NANOS + 6 * MS, NOW_NANOS + 7 * MS),
                span(t, 5, 6, "cycle a", NOW_NANOS + 7 * MS, NOW_NANOS + 9 * MS),
                span(t, 6, 5, "cycle b", NOW_NANOS + 7 * MS, NOW_NANOS + 8 * MS)));

        assertThat(trace.waterfall()).extracting(r -> r.depth() + " " + r.span().name()).containsExactly(
                "0 POST /api/orders", "1 reserve", "2 inventory", "1 charge", "0 parent never arrived",
                "0 cycle a", "1 cycle b");
        assertThat(trace.duration()).isEqualTo(Duration.ofMillis(10));
        assertThat(trace.root().name()).isEqualTo("POST /api/orders");
        assertThat(trace.children(trace.root())).extracting(Span::name).containsExactly("reserve", "charge");
        assertThat(trace.span(String.format("%016x", 4))).map(Span::name).contains("inventory");
        assertThat(trace.isWhole()).as("an orphan and a cycle make more than one tree").isFalse();
        assertThat(new Trace(t, trace.spans().subList(0, 3)).isWhole()).isTrue();
    }

    @Test
    void where_the_time_went_gives_each_instant_to_the_deepest_running_span_and_names_the_waits_between_them() {
        String t = trace(8);
        long t0 = NOW_NANOS;
        Trace trace = new Trace(t, List.of(
                span(t, 1, 0, "order-service", Span.Kind.SERVER, t0, t0 + 10 * MS),
                span(t, 2, 1, "order-service", Span.Kind.CLIENT, t0 + 2 * MS, t0 + 8 * MS),
                span(t, 3, 2, "mesh", Span.Kind.SERVER, t0 + 3 * MS, t0 + 7 * MS),
                span(t, 4, 3, "payment-service", Span.Kind.SERVER, t0 + 4 * MS, t0 + 6 * MS),
                // the 202 is out; the event waits in the outbox, then in Kafka, then for a poller
                span(t, 5, 1, "order-service", Span.Kind.PRODUCER, t0 + 15 * MS, t0 + 16 * MS),
                span(t, 6, 5, "inventory-service", Span.Kind.CONSUMER, t0 + 20 * MS, t0 + 23 * MS),
                span(t, 7, 6, "inventory-service", Span.Kind.CLIENT, t0 + 30 * MS, t0 + 31 * MS)));

        assertThat(trace.whereTheTimeWent()).extracting(s -> s.who() + " " + s.time().toMillis()).containsExactly(
                "order-service 7", "waiting (no span) 7", "in the outbox 5", "in Kafka 4", "inventory-service 4",
                "mesh 2", "payment-service 2");
        assertThat(trace.whereTheTimeWent().stream().map(Trace.TimeShare::time).reduce(Duration.ZERO, Duration::plus))
                .isEqualTo(trace.duration());
    }

    @Test
    void limits_refuse_what_cannot_hold_a_trace() {
        assertThatThrownBy(() -> new Limits(0, 1, 1, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 10, 5, 64)).hasMessageContaining("maxSpans (5)");
    }

    static String trace(int n) {
        return String.format("%032x", n);
    }

    private static Span order(String traceId, String namespace, long start, long end) {
        return new Span(traceId, String.format("%016x", 1), "", "order-service", namespace, "POST /api/orders",
                Span.Kind.SERVER, start, end, Span.Status.UNSET, "", Map.of(Trace.ORDER_ID_ATTRIBUTE, "o-" + traceId),
                List.of());
    }

    private static Span withOrder(Span span, String orderId) {
        return new Span(span.traceId(), span.spanId(), span.parentSpanId(), span.service(), span.namespace(),
                span.name(), span.kind(), span.startEpochNanos(), span.endEpochNanos(), span.status(),
                span.statusMessage(), Map.of(Trace.ORDER_ID_ATTRIBUTE, orderId), span.links());
    }

    private static Span span(String traceId, int id, int parent, String name) {
        return span(traceId, id, parent, name, NOW_NANOS + id * MS, NOW_NANOS + id * MS + MS);
    }

    private static Span span(String traceId, int id, int parent, String service, Span.Kind kind, long start,
                             long end) {
        return new Span(traceId, String.format("%016x", id), parent == 0 ? "" : String.format("%016x", parent),
                service, "", kind + " " + id, kind, start, end, Span.Status.UNSET, "", Map.of(), List.of());
    }

    private static Span span(String traceId, int id, int parent, String name, long start, long end) {
        return new Span(traceId, String.format("%016x", id), parent == 0 ? "" : String.format("%016x", parent),
                "svc", "", name, Span.Kind.INTERNAL, start, end, Span.Status.UNSET, "", Map.of(), List.of());
    }
}
