package dev.shoplab.distributed.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.shoplab.distributed.order.persistence.OrderStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * order-service on its own, on a real PostgreSQL, with nothing answering where the other services should
 * be: what the edge decides by itself, and that an order it cannot price is refused and never written.
 */
@QuarkusTest
class EdgeAloneTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String VALID = "{\"customerId\": \"c-1\", \"lines\": [{\"sku\": \"SKU-0001\", \"quantity\": 1}],"
            + " \"paymentToken\": \"tok_ok\"}";

    @Inject
    OrderStore store;

    @Test
    void an_order_that_cannot_be_priced_is_a_503_problem_and_nothing_is_written() {
        String key = "key-" + UUID.randomUUID();

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(VALID).post("/api/orders")
                .then().statusCode(503).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://shoplab.dev/problems/service-unavailable"))
                .body("detail", containsString("inventory-service"));

        assertThat(store.findByKey(key)).isEmpty();
    }

    @Test
    void reading_stock_while_inventory_does_not_answer_is_a_503_problem() {
        given().get("/api/inventory/SKU-0001").then().statusCode(503).contentType(startsWith(PROBLEM))
                .body("detail", containsString("inventory-service"));
    }

    @Test
    void a_missing_customer_is_refused_before_any_call_with_a_422_problem() {
        given().contentType(ContentType.JSON).body("{\"lines\": [{\"sku\": \"SKU-0001\", \"quantity\": 1}],"
                        + " \"paymentToken\": \"tok_ok\"}").post("/api/orders")
                .then().statusCode(422).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://shoplab.dev/problems/validation"))
                .body("errors[0].field", equalTo("customerId"));
    }

    @Test
    void a_quantity_that_is_not_a_number_is_a_400_problem_that_names_the_field() {
        given().contentType(ContentType.JSON).body("{\"customerId\": \"c-1\", \"lines\": [{\"sku\": \"SKU-0001\","
                        + " \"quantity\": 1.5}], \"paymentToken\": \"tok_ok\"}").post("/api/orders")
                .then().statusCode(400).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://shoplab.dev/problems/malformed-request"))
                .body("detail", startsWith("lines[0].quantity"));
    }

    @Test
    void an_idempotency_key_over_200_characters_is_a_422_problem() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201)).body(VALID).post("/api/orders")
                .then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void a_body_over_64_kib_is_refused_with_413_before_it_is_read() {
        String big = VALID.replace("c-1", "c".repeat(70_000));

        given().contentType(ContentType.JSON).body(big).post("/api/orders")
                .then().statusCode(413).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://shoplab.dev/problems/payload-too-large"));
    }

    @Test
    void a_body_that_is_not_json_is_a_415_problem() {
        given().contentType(ContentType.TEXT).body(VALID).post("/api/orders")
                .then().statusCode(415).body("type", equalTo("https://shoplab.dev/problems/unsupported-media-type"));
    }

    @Test
    void an_unknown_order_is_a_404_problem() {
        given().get("/api/orders/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("https://shoplab.dev/problems/order-not-found"));
        given().get("/api/orders/not-an-id").then().statusCode(404).body("detail", containsString("not-an-id"));
    }

    @Test
    void a_path_nothing_answers_is_a_404_problem() {
        given().get("/api/nothing-here").then().statusCode(404).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://shoplab.dev/problems/not-found"));
    }

    @Test
    void the_compensation_counters_are_published_from_the_start() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("shoplab_compensations_total{kind=\"release_stock\",outcome=\"succeeded\"}")
                .contains("shoplab_compensations_total{kind=\"release_stock\",outcome=\"failed\"}")
                .contains("shoplab_compensations_total{kind=\"refund\",outcome=\"succeeded\"}")
                .contains("shoplab_compensations_total{kind=\"refund\",outcome=\"failed\"}");
    }

    @Test
    void health_and_openapi_answer() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/orders"));
    }
}
