package dev.shoplab.monolith.app.integration;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.conformance.Concurrently;
import dev.shoplab.conformance.ShopClient;
import dev.shoplab.monolith.app.support.MonolithDatabase;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import dev.shoplab.monolith.app.support.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the PSP's answers and faults do to an order, its stock and the money, checked against the
 * PSP's own ledger: money is never kept for an order that is not confirmed, and a confirmed order
 * is always paid for. (Timeouts: the PSP's answer 3 s, a lookup 1 s.) Skus SKU-0501 … SKU-0520.
 */
@QuarkusTest
class PaymentFaultsTest extends MonolithTestSupport {

    @AfterEach
    void liftFaults() {
        Simulators.liftFaults();
    }

    @Test
    void a_confirmed_order_is_charged_once_under_its_order_id() {
        client().seed(Map.of("SKU-0501", 10));

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0501", 2), null);

        String orderId = order.path("orderId").asText();
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        List<JsonNode> charges = Simulators.charges(orderId);
        assertThat(charges).hasSize(1);
        assertThat(charges.get(0).path("status").asText()).isEqualTo("captured");
        assertThat(charges.get(0).path("amountCents").asLong()).isEqualTo(order.path("totalCents").asLong());
        assertThat(charges.get(0).path("refundedCents").asLong()).isZero();
        assertPaymentRecord(orderId, "CAPTURED");
        assertThat(MonolithDatabase.value("select charge_id from payment.charges where order_id = ?::uuid", orderId))
                .isEqualTo(charges.get(0).path("chargeId").asText());
    }

    @Test
    void a_declined_payment_moves_no_money_and_gives_the_stock_back() {
        client().seed(Map.of("SKU-0502", 10));

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_decline", "SKU-0502", 2), null);

        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
        List<JsonNode> charges = Simulators.charges(order.path("orderId").asText());
        assertThat(charges).singleElement().satisfies(c -> assertThat(c.path("status").asText()).isEqualTo("declined"));
        assertPaymentRecord(order.path("orderId").asText(), "DECLINED");
        assertStock("SKU-0502", 10, 0);
    }

    @Test
    void a_psp_that_refuses_connections_fails_the_order_and_gives_its_stock_back() {
        client().seed(Map.of("SKU-0503", 10));
        Simulators.fault("psp", "{\"down\": true}");

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0503", 3), null);

        String orderId = order.path("orderId").asText();
        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertThat(order.path("reason").asText()).isEqualTo("PAYMENT_UNAVAILABLE");
        assertStock("SKU-0503", 10, 0);
        assertPaymentRecord(orderId, "NOT_CHARGED");
        assertThat(lateCaptureChecks(orderId)).as("a request that never left needs no check").isZero();
        Simulators.liftFaults();
        assertThat(Simulators.charges(orderId)).isEmpty();
    }

    @Test
    void a_psp_that_answers_503_fails_the_order_and_keeps_checking_for_a_late_capture() {
        client().seed(Map.of("SKU-0504", 10));
        Simulators.fault("psp", "{\"errorRate\": 1.0}");

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0504", 1), null);

        String orderId = order.path("orderId").asText();
        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertStock("SKU-0504", 10, 0);
        // the lookup got a 503 as well, so nobody can tell yet: the payment stays under watch
        assertPaymentRecord(orderId, "UNKNOWN");
        assertThat(lateCaptureChecks(orderId)).isEqualTo(1);
        Simulators.liftFaults();
        assertThat(Simulators.charges(orderId)).isEmpty();
    }

    @Test
    void a_charge_whose_answer_was_lost_is_refunded_once_the_psp_answers_again() {
        client().seed(Map.of("SKU-0505", 10));
        Simulators.fault("psp", "{\"timeoutRate\": 1.0}");

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0505", 2), null);

        String orderId = order.path("orderId").asText();
        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertStock("SKU-0505", 10, 0);
        assertThat(Simulators.charges(orderId)).as("the PSP captured the money, the answer was lost").singleElement()
                .satisfies(c -> assertThat(c.path("status").asText()).isEqualTo("captured"));
        Simulators.liftFaults();
        awaitRefunded(orderId, order.path("totalCents").asLong());
    }

    @Test
    void a_charge_captured_after_the_shop_gave_up_waiting_is_refunded() {
        client().seed(Map.of("SKU-0506", 10));
        Simulators.fault("psp", "{\"latencyMs\": 4000}");

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0506", 1), null);

        String orderId = order.path("orderId").asText();
        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertStock("SKU-0506", 10, 0);
        Simulators.liftFaults();
        awaitRefunded(orderId, order.path("totalCents").asLong());
    }

    @Test
    void a_slow_psp_holds_no_stock_row_lock_against_other_orders() {
        client().seed(Map.of("SKU-0507", 10));
        long latencyMs = 1500; // under the PSP timeout (3 s), with room for a busy machine
        Simulators.fault("psp", "{\"latencyMs\": " + latencyMs + "}");
        int orders = 4;

        long started = System.nanoTime();
        List<JsonNode> placed = Concurrently.run(orders, i ->
                ShopClient.of(shop()).placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0507", 1), null));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(placed).allSatisfy(o -> assertThat(o.path("status").asText()).isEqualTo("CONFIRMED"));
        assertThat(elapsed).as("four orders on one sku waited for the PSP side by side, not one after the other")
                .isLessThan(Duration.ofMillis(latencyMs * (orders - 1)));
        assertStock("SKU-0507", 6, 0);
    }

    @Test
    void an_order_is_never_charged_twice_when_its_key_is_repeated() {
        client().seed(Map.of("SKU-0508", 10));
        String key = "repeat-" + UUID.randomUUID();

        JsonNode first = client().placeConcluded(orderBody("c-repeat", "tok_ok", "SKU-0508", 1), key);
        JsonNode again = client().placeConcluded(orderBody("c-repeat", "tok_ok", "SKU-0508", 1), key);

        assertThat(again.path("orderId").asText()).isEqualTo(first.path("orderId").asText());
        assertThat(Simulators.charges(first.path("orderId").asText())).hasSize(1);
    }

    private void awaitRefunded(String orderId, long totalCents) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<JsonNode> charges = Simulators.charges(orderId);
            assertThat(charges).hasSize(1);
            assertThat(charges.get(0).path("amountCents").asLong()).isEqualTo(totalCents);
            assertThat(charges.get(0).path("refundedCents").asLong()).as("refunded").isEqualTo(totalCents);
            assertPaymentRecord(orderId, "REFUNDED");
            assertThat(lateCaptureChecks(orderId)).isZero();
        });
    }

    private static void assertPaymentRecord(String orderId, String status) {
        assertThat(MonolithDatabase.value("select status from payment.charges where order_id = ?::uuid", orderId))
                .as("payment record of %s", orderId).isEqualTo(status);
    }

    private static long lateCaptureChecks(String orderId) {
        return MonolithDatabase.count("select count(*) from payment.late_capture_checks where order_id = ?::uuid", orderId);
    }
}
