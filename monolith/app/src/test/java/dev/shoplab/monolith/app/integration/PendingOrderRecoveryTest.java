package dev.shoplab.monolith.app.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.conformance.ShopClient;
import dev.shoplab.monolith.app.support.MonolithDatabase;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import dev.shoplab.monolith.app.support.OrdersLeftPending;
import dev.shoplab.monolith.app.support.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Orders left PENDING by a process that died between its two transactions (staged here in SQL
 * exactly as the first transaction leaves them: the order row, its line, its stock reserved) are
 * concluded by the recovery job from what the PSP holds under the order id. Skus SKU-0521 … SKU-0530.
 */
@QuarkusTest
class PendingOrderRecoveryTest extends MonolithTestSupport {

    private static final int STOCK = 10;
    private static final int QUANTITY = 2;

    @Test
    void an_order_left_pending_whose_charge_was_captured_is_confirmed() {
        String orderId = UUID.randomUUID().toString();
        long total = QUANTITY * ShopClient.priceOf("SKU-0521");
        assertThat(Simulators.chargeAsTheShopWould(orderId, total, "tok_ok")).isEqualTo(201);
        stageOrderLeftPending(orderId, "SKU-0521");

        JsonNode order = awaitConcluded(orderId);

        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        assertStock("SKU-0521", STOCK - QUANTITY, 0);
        assertThat(MonolithDatabase.value("select status from payment.charges where order_id = ?::uuid", orderId))
                .isEqualTo("CAPTURED");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(Simulators.messages(orderId)).singleElement()
                        .satisfies(m -> assertThat(m.path("kind").asText()).isEqualTo("order-confirmed")));
    }

    @Test
    void an_order_left_pending_whose_charge_was_declined_is_rejected_and_its_stock_released() {
        String orderId = UUID.randomUUID().toString();
        assertThat(Simulators.chargeAsTheShopWould(orderId, QUANTITY * ShopClient.priceOf("SKU-0522"), "tok_decline"))
                .isEqualTo(402);
        stageOrderLeftPending(orderId, "SKU-0522");

        JsonNode order = awaitConcluded(orderId);

        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertStock("SKU-0522", STOCK, 0);
    }

    @Test
    void an_order_left_pending_without_any_charge_fails_releases_its_stock_and_stays_under_watch() {
        String orderId = UUID.randomUUID().toString();
        stageOrderLeftPending(orderId, "SKU-0523");

        JsonNode order = awaitConcluded(orderId);

        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertThat(order.path("reason").asText()).isEqualTo("PAYMENT_UNAVAILABLE");
        assertStock("SKU-0523", STOCK, 0);
        assertThat(MonolithDatabase.value("select status from payment.charges where order_id = ?::uuid", orderId))
                .as("a charge that may still arrive is checked for, and refunded if it does").isIn("UNKNOWN", "NOT_CHARGED");
    }

    /**
     * What the first transaction of a placement leaves behind, one minute ago; the recovery job (every second in tests)
     * takes the order up as soon as it is committed, so a charge the test makes comes first.
     */
    private void stageOrderLeftPending(String orderId, String sku) {
        client().seed(Map.of(sku, STOCK));
        OrdersLeftPending.stage(orderId, sku, QUANTITY, Duration.ofMinutes(1));
    }

    private JsonNode awaitConcluded(String orderId) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> client().get("/api/orders/" + orderId).json(),
                        order -> !order.path("status").asText().equals("PENDING"));
    }
}
