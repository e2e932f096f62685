package dev.shoplab.distributed.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hand-written compensations of order-service, provoked with the mesh's fault injection (an abort on
 * one path, never retried): when they work, stock and money end consistent; when a compensation call
 * fails in turn, it is counted in {@code shoplab_compensations_total{outcome="failed"}} and what it should
 * have undone stays done — the inconsistency the bench's audit then finds.
 */
@ExtendWith(FreshMesh.class)
class CompensationTest {

    private static final String CONFIRMATION = "/api/reservations/[^/]+/confirmation";
    private static final String RELEASE = "/api/reservations/[^/]+/release";
    private static final String REFUND = "/api/payments/[^/]+/refund";

    private final DistributedShop shop = DistributedShop.get();

    @AfterEach
    void back_to_the_shipped_state() {
        shop.heal();
    }

    @Test
    void a_failed_confirmation_refunds_the_charge_and_releases_the_stock() {
        shop.meshPolicy("inventory-service", MeshPolicies.abortPaths("inventory-service", CONFIRMATION));
        shop.seed(Map.of("SKU-0601", 10));
        double refunded = shop.compensations("refund", "succeeded");
        double released = shop.compensations("release_stock", "succeeded");

        JsonNode order = shop.placeConcluded("tok_ok", "SKU-0601", 3);

        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertThat(order.path("reason").asText()).isEqualTo("CONFIRMATION_FAILED");
        List<JsonNode> charges = shop.pspCharges(order.path("orderId").asText());
        assertThat(charges).hasSize(1);
        assertThat(charges.get(0).path("status").asText()).isEqualTo("captured");
        assertThat(charges.get(0).path("refundedCents").asLong()).as("refunded in full")
                .isEqualTo(order.path("totalCents").asLong());
        assertStock("SKU-0601", 10, 0);
        assertThat(shop.compensations("refund", "succeeded") - refunded).isEqualTo(1);
        assertThat(shop.compensations("release_stock", "succeeded") - released).isEqualTo(1);
    }

    @Test
    void a_release_that_fails_is_counted_and_the_units_stay_reserved() {
        shop.meshPolicy("inventory-service", MeshPolicies.abortPaths("inventory-service", RELEASE));
        shop.seed(Map.of("SKU-0602", 10));
        double failed = shop.compensations("release_stock", "failed");

        JsonNode order = shop.placeConcluded("tok_decline", "SKU-0602", 2);

        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(shop.compensations("release_stock", "failed") - failed).isEqualTo(1);
        // the stock leak the audit reports: two units held for an order that will never be paid
        assertStock("SKU-0602", 8, 2);
    }

    @Test
    void a_refund_that_fails_is_counted_and_the_money_stays_captured() {
        shop.meshPolicy("inventory-service", MeshPolicies.abortPaths("inventory-service", CONFIRMATION));
        shop.meshPolicy("payment-service", MeshPolicies.abortPaths("payment-service", REFUND));
        shop.seed(Map.of("SKU-0603", 10));
        double failed = shop.compensations("refund", "failed");

        JsonNode order = shop.placeConcluded("tok_ok", "SKU-0603", 1);

        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertThat(order.path("reason").asText()).isEqualTo("CONFIRMATION_FAILED");
        assertThat(shop.compensations("refund", "failed") - failed).isEqualTo(1);
        // the money mismatch the audit reports: a FAILED order whose charge is still captured
        List<JsonNode> charges = shop.pspCharges(order.path("orderId").asText());
        assertThat(charges).hasSize(1);
        assertThat(charges.get(0).path("status").asText()).isEqualTo("captured");
        assertThat(charges.get(0).path("refundedCents").asLong()).isZero();
        assertStock("SKU-0603", 10, 0);
    }

    private void assertStock(String sku, int available, int reserved) {
        JsonNode level = shop.stock(sku);
        assertThat(level.path("available").asInt()).as("available units of %s", sku).isEqualTo(available);
        assertThat(level.path("reserved").asInt()).as("reserved units of %s", sku).isEqualTo(reserved);
    }
}
