package dev.shoplab.monolith.app.integration;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.conformance.Answer;
import dev.shoplab.monolith.app.support.MonolithDatabase;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edge beyond the conformance suite: observability endpoints, OpenAPI, problems for unknown
 * paths, the Idempotency-Key's limits, the catalogue admin's checks, and proof in the
 * database itself that a refused request writes no row in any schema. Skus SKU-0541 … SKU-0550.
 */
@QuarkusTest
class MonolithEdgeTest extends MonolithTestSupport {

    @Test
    void health_metrics_and_openapi_are_served() {
        client().seed(Map.of("SKU-0541", 5));
        client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0541", 1), null);

        Answer ready = client().get("/q/health/ready");
        Answer metrics = client().get("/q/metrics");
        Answer openapi = client().get("/q/openapi");

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"UP\"");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("shoplab_orders_total").contains("status=\"CONFIRMED\"")
                .contains("http_server_requests_seconds");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/orders").contains("/api/inventory/{sku}");
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        assertProblem(client().get("/api/nothing-here"), 404, "not-found", "/api/nothing-here");
        assertProblem(client().get("/nothing-here-either"), 404, "not-found", "/nothing-here-either");
    }

    @Test
    void an_idempotency_key_longer_than_200_characters_is_refused() {
        client().seed(Map.of("SKU-0542", 5));

        Answer answer = client().placeOrder(orderBody(newCustomer(), "tok_ok", "SKU-0542", 1), "k".repeat(201));

        assertProblem(answer, 422, "validation", "Idempotency-Key");
        assertStock("SKU-0542", 5, 0);
    }

    @Test
    void the_catalogue_admin_refuses_a_catalogue_it_cannot_apply() {
        assertProblem(putCatalogue("{\"items\": [{\"sku\": \"\", \"priceCents\": -1, \"available\": 3}]}"), 422,
                "validation", "items[0].sku", "items[0].priceCents");
        assertProblem(putCatalogue("{\"items\": [{\"sku\": \"SKU-0543\", \"priceCents\": 100}]}"), 422, "validation",
                "items[0].available");
        assertProblem(putCatalogue("{\"items\": [{\"sku\": \"SKU-0543\", \"priceCents\": 100, \"available\": 1},"
                + " {\"sku\": \"SKU-0543\", \"priceCents\": 100, \"available\": 2}]}"), 422, "validation", "items[1].sku");
        assertProblem(putCatalogue("{\"items\": [{\"sku\": \"SKU-0543\", \"priceCents\": 100000000000,"
                + " \"available\": 1}]}"), 422, "validation", "items[0].priceCents");
        assertProblem(putCatalogue("[]"), 400, "malformed-request");
        assertProblem(putCatalogue("{}"), 422, "validation", "items");
    }

    @Test
    void a_refused_order_writes_no_row_in_any_schema() {
        client().seed(Map.of("SKU-0544", 5));
        List<Long> before = rowCounts();

        List<String> hostile = List.of("{", "[]", "", "{\"customerId\": \"c\", \"lines\": [], \"paymentToken\": \"tok_ok\"}",
                "{\"customerId\": \"c\", \"lines\": [{\"sku\": \"SKU-0544\", \"quantity\": 0}], \"paymentToken\": \"tok_ok\"}",
                "{\"customerId\": \"c\", \"lines\": [{\"sku\": \"SKU-0544\", \"quantity\": 1}, {\"sku\": \"SKU-9999\","
                        + " \"quantity\": 1}], \"paymentToken\": \"tok_ok\"}");
        for (String body : hostile) {
            assertThat(client().post("/api/orders", "application/json", body, newKey()).status()).isBetween(400, 499);
        }

        assertThat(rowCounts()).as("orders, order lines, payments, outbox, units of stock").isEqualTo(before);
        assertStock("SKU-0544", 5, 0);
    }

    private Answer putCatalogue(String body) {
        return client().putCatalogue(body);
    }

    private static List<Long> rowCounts() {
        return List.of(
                MonolithDatabase.count("select count(*) from orders.orders"),
                MonolithDatabase.count("select count(*) from orders.order_lines"),
                MonolithDatabase.count("select count(*) from payment.charges"),
                MonolithDatabase.count("select count(*) from notification.outbox"),
                MonolithDatabase.count("select coalesce(sum(available + reserved), 0) from inventory.stock"));
    }
}
