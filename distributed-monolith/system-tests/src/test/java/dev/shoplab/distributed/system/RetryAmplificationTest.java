package dev.shoplab.distributed.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the mesh's retries cost when the PSP answers 503 to every charge. Two hops retry on the way to the
 * PSP: order-service → payment-service and payment-service → psp-simulator, each with the shipped policy
 * ({@code attempts: 3}: up to 4 tries). Istio's retry semantics alone predict 4 × 4 = 16 PSP requests per
 * order; the shipped outlier detection (3 consecutive 5xx eject the endpoint) cuts that to 3 for the first
 * order and none for the next ones while the endpoints stay ejected. Both predictions are pinned here,
 * counted where the audit counts them: at the PSP. Each test starts on a fresh mesh process.
 */
class RetryAmplificationTest {

    /** Orders placed in a row, all within the 30 s an ejected endpoint stays out. */
    private static final int ORDERS = 5;

    private final DistributedShop shop = DistributedShop.get();

    @BeforeEach
    void a_fresh_mesh_and_a_psp_that_answers_503_to_every_charge() {
        shop.heal();
        shop.pspFaults("{\"errorRate\": 1.0}");
    }

    @AfterEach
    void back_to_the_shipped_state() {
        shop.heal();
    }

    @Test
    void with_the_shipped_policy_the_first_order_costs_three_psp_requests_and_ejection_spares_the_next_ones() {
        shop.seed(Map.of("SKU-0501", 10));
        double released = shop.compensations("release_stock", "succeeded");
        long before = shop.pspChargeRequests();

        JsonNode first = shop.placeConcluded("tok_ok", "SKU-0501", 2);

        assertFailedForPayment(first);
        // the 3rd consecutive 503 ejects the PSP endpoint: the 4th try gets "no healthy upstream" from the mesh
        assertThat(shop.pspChargeRequests() - before).as("PSP requests for the first order").isEqualTo(3);
        // payment-service answered 502 three times in a row: ejected on the order → payment hop as well
        assertThat(shop.payments(first.path("orderId").asText())).as("charge requests that reached payment-service")
                .hasSize(3).allSatisfy(p -> assertThat(p.path("status").asText()).isEqualTo("FAILED"));
        assertThat(ejected("psp-simulator")).isEqualTo(1);
        assertThat(ejected("payment-service")).isEqualTo(1);

        long afterFirst = shop.pspChargeRequests();
        for (int order = 2; order <= ORDERS; order++) {
            JsonNode next = shop.placeConcluded("tok_ok", "SKU-0501", 1);

            assertFailedForPayment(next);
            assertThat(shop.payments(next.path("orderId").asText())).as("the mesh answered for payment-service")
                    .isEmpty();
        }

        long pspRequests = shop.pspChargeRequests() - before;
        assertThat(shop.pspChargeRequests() - afterFirst).as("PSP requests for orders 2 to %d", ORDERS).isZero();
        System.out.printf("measured: shipped policy, PSP 503 on every charge: %d orders, %d PSP requests, %.2f per order%n",
                ORDERS, pspRequests, pspRequests / (double) ORDERS);
        assertStockReleased("SKU-0501", 10);
        assertThat(shop.compensations("release_stock", "succeeded") - released).isEqualTo(ORDERS);
    }

    @Test
    void with_retries_alone_every_order_costs_four_times_four_psp_requests() {
        shop.meshPolicy("payment-service", MeshPolicies.withoutOutlierDetection("payment-service"));
        shop.meshPolicy("psp-simulator", MeshPolicies.withoutOutlierDetection("psp-simulator"));
        shop.seed(Map.of("SKU-0502", 10));

        for (int order = 1; order <= 2; order++) {
            long before = shop.pspChargeRequests();

            JsonNode placed = shop.placeConcluded("tok_ok", "SKU-0502", 1);

            assertFailedForPayment(placed);
            long pspRequests = shop.pspChargeRequests() - before;
            assertThat(pspRequests).as("PSP requests for order %d", order).isEqualTo(16);
            System.out.printf("measured: retries alone, PSP 503 on every charge: order %d, %d PSP requests%n", order,
                    pspRequests);
            assertThat(shop.payments(placed.path("orderId").asText())).as("charge requests that reached payment-service")
                    .hasSize(4);
        }
        assertStockReleased("SKU-0502", 10);
    }

    private double ejected(String destination) {
        return Prometheus.sum(shop.metrics("mesh"), "shoplab_mesh_ejected", "destination", destination);
    }

    private static void assertFailedForPayment(JsonNode order) {
        assertThat(order.path("status").asText()).as("%s", order).isEqualTo("FAILED");
        assertThat(order.path("reason").asText()).as("%s", order).isEqualTo("PAYMENT_UNAVAILABLE");
    }

    private void assertStockReleased(String sku, int stock) {
        JsonNode level = shop.stock(sku);
        assertThat(level.path("available").asInt()).as("available units of %s", sku).isEqualTo(stock);
        assertThat(level.path("reserved").asInt()).as("reserved units of %s", sku).isZero();
    }
}
