package dev.shoplab.eventdriven.system;

import static dev.shoplab.testing.OrderTraces.clientCall;
import static dev.shoplab.testing.OrderTraces.spans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.testing.OrderTraces;
import dev.shoplab.traces.Span;
import dev.shoplab.traces.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, one order's saga is one trace across the four services and Kafka: every event published is a
 * producer span under the span that wrote it, every event applied is a consumer span that is a child of (and linked
 * to) that producer span, and the PSP and mail calls are client spans of the work that asked for them. Sku SKU-0760.
 */
class EventDrivenTracingTest {

    private static final Set<String> SERVICES = Set.of("order-service", "inventory-service", "payment-service",
            "notification-service");
    private static final List<String> SAGA = List.of("OrderPlaced", "StockReserved", "PaymentSucceeded",
            "StockCommitted", "OrderConfirmed", "CustomerNotified");

    private final EventDrivenShop shop = EventDrivenShop.get();

    @Test
    void one_orders_saga_is_one_trace_with_consumers_linked_to_their_producers() {
        shop.seed(Map.of("SKU-0760", 10));

        String orderId = new Shopper(shop).order("SKU-0760", 1, "tok_ok");

        Trace trace = awaitTrace(orderId, t -> t.services().containsAll(SERVICES)
                && spans(t, s -> s.kind() == Span.Kind.PRODUCER).size() >= SAGA.size()
                && !spans(t, clientCall("notification-service", "/mail/messages")).isEmpty());
        Span request = trace.root();
        assertThat(request.service()).isEqualTo("order-service");
        assertThat(request.kind()).isEqualTo(Span.Kind.SERVER);
        assertThat(request.name()).isEqualTo("POST /api/orders");
        assertThat(request.namespace()).isEqualTo("event-driven");
        assertThat(request.orderId()).isEqualTo(orderId);

        List<Span> producers = spans(trace, s -> s.kind() == Span.Kind.PRODUCER);
        assertThat(producers).extracting(s -> s.attributes().get("shoplab.event.type")).containsAll(SAGA);
        assertThat(producers).allSatisfy(p -> assertThat(p.attributes()).containsEntry("messaging.system", "kafka")
                .containsEntry("shoplab.order.id", orderId));
        Span placed = producers.stream().filter(p -> p.attributes().get("shoplab.event.type").equals("OrderPlaced"))
                .findFirst().orElseThrow();
        assertThat(placed.parentSpanId()).as("OrderPlaced is published under the request that wrote it")
                .isEqualTo(request.spanId());

        List<Span> consumers = spans(trace, s -> s.kind() == Span.Kind.CONSUMER);
        assertThat(consumers).as("every service applies some event of the saga")
                .extracting(Span::service).containsAll(SERVICES);
        for (Span consumer : consumers) {
            Span producer = trace.span(consumer.parentSpanId()).orElseThrow();
            assertThat(producer.kind()).as("parent of %s", consumer.name()).isEqualTo(Span.Kind.PRODUCER);
            assertThat(consumer.links()).as("links of %s", consumer.name()).singleElement().satisfies(link -> {
                assertThat(link.traceId()).isEqualTo(trace.traceId());
                assertThat(link.spanId()).isEqualTo(producer.spanId());
            });
            assertThat(consumer.attributes().get("shoplab.event.type"))
                    .isEqualTo(producer.attributes().get("shoplab.event.type"));
        }
        for (Span producer : producers) {
            if (producer != placed) {
                assertThat(trace.span(producer.parentSpanId()).orElseThrow().kind())
                        .as("%s is published under the consumer span that wrote it", producer.name())
                        .isEqualTo(Span.Kind.CONSUMER);
            }
        }

        Span psp = spans(trace, clientCall("payment-service", "/psp/charges")).get(0);
        assertThat(trace.span(psp.parentSpanId()).orElseThrow()).satisfies(work -> {
            assertThat(work.kind()).isEqualTo(Span.Kind.CONSUMER);
            assertThat(work.service()).isEqualTo("payment-service");
        });
        assertThat(psp.attributes()).containsEntry("shoplab.order.id", orderId)
                .containsEntry("http.response.status_code", "201");
        Span mail = spans(trace, clientCall("notification-service", "/mail/messages")).get(0);
        assertThat(trace.span(mail.parentSpanId()).orElseThrow().service()).isEqualTo("notification-service");
    }

    private Trace awaitTrace(String orderId, Predicate<Trace> complete) {
        return OrderTraces.await(shop.traces(), orderId, Duration.ofSeconds(60), complete);
    }
}
