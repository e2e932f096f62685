package dev.shoplab.eventdriven.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.eventdriven.messaging.EventJson;
import dev.shoplab.eventdriven.messaging.TraceParent;
import dev.shoplab.eventdriven.testing.Contract;
import dev.shoplab.eventdriven.testing.EventProbe;
import dev.shoplab.eventdriven.testing.ReceivedEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One order through the four running services: the saga's steps in the order's timeline, every event of it
 * conforming to its schema and carrying the caller's trace. Skus SKU-0501 … SKU-0509 belong to this class.
 */
class SagaEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String CALLER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final EventDrivenShop shop = EventDrivenShop.get();

    private String place(String sku, String token) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(shop.edgeUrl()
                        + "/api/orders")).header("Content-Type", "application/json").header(TraceParent.HEADER, CALLER)
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"c-e2e\",\"lines\":[{\"sku\":\"" + sku
                        + "\",\"quantity\":2}],\"paymentToken\":\"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return EventJson.parse(answer.body().getBytes(StandardCharsets.UTF_8)).path("orderId").asText();
    }

    private List<String> timeline(String orderId) {
        JsonNode order = new Shopper(shop).client().get("/api/orders/" + orderId).json();
        return StreamSupport.stream(order.path("timeline").spliterator(), false).map(s -> s.path("event").asText())
                .toList();
    }

    @Test
    void a_paid_order_goes_through_every_step_on_one_trace_and_every_event_keeps_the_contract() throws Exception {
        shop.seed(Map.of("SKU-0501", 10));
        try (EventProbe probe = EventProbe.listen(shop.bootstrapServers(), "orders.v1", "inventory.v1", "payments.v1",
                "notifications.v1")) {
            String orderId = place("SKU-0501", "tok_ok");

            Awaitility.await().atMost(BOUND).untilAsserted(() -> assertThat(timeline(orderId)).containsExactly(
                    "OrderPlaced", "StockReserved", "PaymentSucceeded", "StockCommitted", "OrderConfirmed",
                    "CustomerNotified"));
            List<ReceivedEvent> events = probe.awaitCount(BOUND, "the saga's six events", 6,
                    e -> orderId.equals(e.orderId()));
            assertThat(events).allSatisfy(Contract::assertConforms).allSatisfy(e -> assertThat(
                    TraceParent.parse(e.header(TraceParent.HEADER)).orElseThrow().traceId())
                    .isEqualTo("0af7651916cd43dd8448eb211c80319c"));
        }
    }

    @Test
    void a_declined_order_is_compensated_before_it_is_rejected() throws Exception {
        shop.seed(Map.of("SKU-0502", 10));

        String orderId = place("SKU-0502", "tok_decline");

        Awaitility.await().atMost(BOUND).untilAsserted(() -> assertThat(timeline(orderId)).containsExactly(
                "OrderPlaced", "StockReserved", "PaymentFailed", "StockReleased", "OrderRejected", "CustomerNotified"));
        new Consistency(shop).awaitSettled(List.of(orderId), Map.of("SKU-0502", 10));
    }
}
