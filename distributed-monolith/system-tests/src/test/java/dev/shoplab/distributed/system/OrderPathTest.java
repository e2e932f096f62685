package dev.shoplab.distributed.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The path of an order through the distributed monolith: every call between services, and to the PSP and
 * the mail provider, goes through the mesh; and every order that ends gets exactly one mail of its kind.
 */
@ExtendWith(FreshMesh.class)
class OrderPathTest {

    private final DistributedShop shop = DistributedShop.get();

    @Test
    void every_call_of_a_confirmed_order_goes_through_the_mesh() {
        shop.seed(Map.of("SKU-0701", 10));
        Map<String, Double> before = meshRequests();

        JsonNode order = shop.placeConcluded("tok_ok", "SKU-0701", 1);

        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        Map<String, Double> after = meshRequests();
        Map<String, Double> calls = new LinkedHashMap<>();
        after.forEach((host, n) -> calls.put(host, n - before.get(host)));
        // inventory: price, reserve, confirm; payment: charge; notification: the mail; then the two egress calls
        assertThat(calls).isEqualTo(Map.of("inventory-service", 3.0, "payment-service", 1.0,
                "notification-service", 1.0, "psp-simulator", 1.0, "mail-simulator", 1.0));
    }

    @Test
    void every_order_that_ends_gets_exactly_one_mail_of_its_kind() {
        shop.seed(Map.of("SKU-0702", 10, "SKU-0703", 0));
        JsonNode confirmed = shop.placeConcluded("tok_ok", "SKU-0702", 1);
        JsonNode declined = shop.placeConcluded("tok_decline", "SKU-0702", 1);
        JsonNode outOfStock = shop.placeConcluded("tok_ok", "SKU-0703", 1);
        JsonNode failed;
        try {
            shop.meshPolicy("payment-service", MeshPolicies.abortPaths("payment-service", "/api/payments"));
            failed = shop.placeConcluded("tok_ok", "SKU-0702", 1);
        } finally {
            shop.heal();
        }

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertOneMail(confirmed, "order-confirmed");
        assertOneMail(declined, "order-rejected");
        assertOneMail(outOfStock, "order-rejected");
        assertOneMail(failed, "order-failed");
    }

    /**
     * What notification-service makes of a customer id (a mail address) fits its table whatever the id's characters
     * ({@code İ}, U+0130, lowercases to two): a 5xx there would be retried by the mesh and, three in a row, eject the
     * service — every customer's mail lost to one customer's name.
     */
    @Test
    void a_customer_named_in_any_printable_text_gets_a_mail_and_so_does_the_next() {
        shop.seed(Map.of("SKU-0704", 10));
        double ejectedBefore = notificationEjections();
        String body = "{\"customerId\":\"" + "İ".repeat(100) + "\",\"lines\":[{\"sku\":\"SKU-0704\",\"quantity\":1}],"
                + "\"paymentToken\":\"tok_ok\"}";
        for (int i = 0; i < 4; i++) {
            Http.Answer placed = Http.post(shop.running().edgeUrl() + "/api/orders", "application/json", body, Map.of());
            assertThat(placed.status()).as("order %d: %s", i, placed.body()).isEqualTo(201);
            assertOneMail(placed.json(), "order-confirmed");
        }
        JsonNode next = shop.placeConcluded("tok_ok", "SKU-0704", 1);

        assertOneMail(next, "order-confirmed");
        assertThat(notificationEjections()).as("notification-service never ejected").isEqualTo(ejectedBefore);
    }

    private double notificationEjections() {
        return Prometheus.sum(shop.metrics("mesh"), "shoplab_mesh_ejections_total", "destination", "notification-service");
    }

    private void assertOneMail(JsonNode order, String kind) {
        List<JsonNode> mails = shop.mails(order.path("orderId").asText());
        assertThat(mails).as("mails of %s", order).hasSize(1);
        assertThat(mails.get(0).path("kind").asText()).isEqualTo(kind);
    }

    private Map<String, Double> meshRequests() {
        String text = shop.metrics("mesh");
        Map<String, Double> requests = new LinkedHashMap<>();
        DistributedShop.MESH_HOSTS.forEach(host -> requests.put(host,
                Prometheus.sum(text, "shoplab_mesh_requests_total", "destination", host)));
        return requests;
    }
}
