package dev.shoplab.monolith.app.integration;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.monolith.app.support.MonolithDatabase;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import dev.shoplab.monolith.app.support.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox: every concluded order gets exactly one message in the mail provider's ledger, also
 * when the provider was down or lost its answers (the message is sent again under the same id).
 * Skus SKU-0531 … SKU-0540.
 */
@QuarkusTest
class NotificationDeliveryTest extends MonolithTestSupport {

    @AfterEach
    void liftFaults() {
        Simulators.liftFaults();
    }

    @Test
    void every_concluded_order_is_mailed_exactly_once_with_its_outcome() {
        client().seed(Map.of("SKU-0531", 10, "SKU-1000", 0));
        String customer = newCustomer();

        JsonNode confirmed = client().placeConcluded(orderBody(customer, "tok_ok", "SKU-0531", 1), null);
        JsonNode declined = client().placeConcluded(orderBody(customer, "tok_decline", "SKU-0531", 1), null);
        JsonNode soldOut = client().placeConcluded(orderBody(customer, "tok_ok", "SKU-1000", 1), null);

        awaitOneMessage(confirmed, "order-confirmed");
        awaitOneMessage(declined, "order-rejected");
        awaitOneMessage(soldOut, "order-rejected");
        JsonNode message = Simulators.messages(confirmed.path("orderId").asText()).get(0);
        assertThat(message.path("to").asText()).startsWith(customer).contains("@");
    }

    @Test
    void a_message_the_mail_provider_refused_is_delivered_once_it_is_back() {
        client().seed(Map.of("SKU-0532", 10));
        Simulators.fault("mail", "{\"down\": true}");

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0532", 1), null);
        String orderId = order.path("orderId").asText();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, Object> row = outboxRow(orderId);
            assertThat((Integer) row.get("attempts")).as("attempts while the mail provider is down").isGreaterThanOrEqualTo(1);
            assertThat(row.get("delivered_at")).isNull();
            assertThat(row.get("last_error")).isNotNull();
        });
        Simulators.liftFaults();

        awaitOneMessage(order, "order-confirmed");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(outboxRow(orderId).get("delivered_at")).isNotNull());
    }

    @Test
    void a_message_whose_answer_was_lost_is_sent_again_and_recorded_once() {
        client().seed(Map.of("SKU-0533", 10));
        Simulators.fault("mail", "{\"timeoutRate\": 1.0}");

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0533", 1), null);
        String orderId = order.path("orderId").asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat((Integer) outboxRow(orderId).get("attempts")).as("sent, answer lost, sent again")
                        .isGreaterThanOrEqualTo(2));
        Simulators.liftFaults();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(outboxRow(orderId).get("delivered_at")).isNotNull());
        assertThat(Simulators.messages(orderId)).as("the provider kept one message, however often it was sent")
                .hasSize(1);
    }

    private static void awaitOneMessage(JsonNode order, String kind) {
        String orderId = order.path("orderId").asText();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(Simulators.messages(orderId)).singleElement().satisfies(m -> {
                    assertThat(m.path("kind").asText()).isEqualTo(kind);
                    assertThat(m.path("messageId").asText()).isEqualTo(orderId + ":" + kind);
                }));
    }

    private static Map<String, Object> outboxRow(String orderId) {
        var rows = MonolithDatabase.rows("select attempts, delivered_at, last_error from notification.outbox"
                + " where order_id = ?::uuid", orderId);
        assertThat(rows).as("outbox rows of %s", orderId).hasSize(1);
        return rows.get(0);
    }
}
