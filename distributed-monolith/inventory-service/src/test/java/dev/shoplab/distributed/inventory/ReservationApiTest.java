package dev.shoplab.distributed.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** inventory-service's HTTP API on a real PostgreSQL: reservations hold, confirm and release units exactly. */
@QuarkusTest
class ReservationApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void a_seeded_sku_shows_its_price_and_stock() {
        seed("SKU-0001", 1234, 7);

        given().get("/api/inventory/SKU-0001").then().statusCode(200)
                .body("sku", equalTo("SKU-0001")).body("priceCents", equalTo(1234))
                .body("available", equalTo(7)).body("reserved", equalTo(0));
    }

    @Test
    void reading_several_skus_leaves_out_the_unknown_ones() {
        seed("SKU-0002", 500, 1);

        given().get("/api/inventory?sku=SKU-0002&sku=SKU-9999").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].sku", equalTo("SKU-0002"));
    }

    @Test
    void an_unknown_sku_is_a_404_problem() {
        given().get("/api/inventory/SKU-9999").then().statusCode(404).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://shoplab.dev/problems/sku-not-found"));
    }

    @Test
    void a_reservation_holds_the_units_of_every_line_counting_lines_of_one_sku_together() {
        seed("SKU-0010", 100, 10);
        UUID order = UUID.randomUUID();

        reserve(order, "SKU-0010", 2, "SKU-0010", 3).then().statusCode(201).body("status", equalTo("HELD"))
                .body("lines[0].quantity", equalTo(5));

        assertStock("SKU-0010", 5, 5);
    }

    @Test
    void reserving_again_for_the_same_order_holds_the_units_once() {
        seed("SKU-0011", 100, 10);
        UUID order = UUID.randomUUID();

        reserve(order, "SKU-0011", 4).then().statusCode(201);
        reserve(order, "SKU-0011", 4).then().statusCode(200).body("status", equalTo("HELD"));

        assertStock("SKU-0011", 6, 4);
    }

    @Test
    void a_sku_that_lacks_units_holds_nothing_and_answers_409_out_of_stock() {
        seed("SKU-0012", 100, 10);
        seed("SKU-0013", 100, 1);

        reserve(UUID.randomUUID(), "SKU-0012", 2, "SKU-0013", 2).then().statusCode(409)
                .contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://shoplab.dev/problems/out-of-stock"))
                .body("detail", equalTo("not enough units of SKU-0013 (1 available, 2 asked)"));

        assertStock("SKU-0012", 10, 0);
        assertStock("SKU-0013", 1, 0);
    }

    @Test
    void lines_of_one_sku_whose_sum_no_stock_could_hold_are_a_422_naming_the_field_not_a_500() {
        seed("SKU-0015", 100, 10);

        reserve(UUID.randomUUID(), "SKU-0015", Integer.MAX_VALUE, "SKU-0015", Integer.MAX_VALUE).then().statusCode(422)
                .contentType(startsWith(PROBLEM)).body("detail", containsString("lines[0].quantity"));

        assertStock("SKU-0015", 10, 0);
    }

    @Test
    void an_unknown_sku_holds_nothing_and_answers_422() {
        seed("SKU-0014", 100, 10);

        reserve(UUID.randomUUID(), "SKU-0014", 1, "SKU-9998", 1).then().statusCode(422)
                .body("type", equalTo("https://shoplab.dev/problems/unknown-sku"));

        assertStock("SKU-0014", 10, 0);
    }

    @Test
    void confirming_sells_the_held_units_once_and_a_confirmed_reservation_cannot_be_released() {
        seed("SKU-0020", 100, 10);
        UUID order = UUID.randomUUID();
        reserve(order, "SKU-0020", 3).then().statusCode(201);

        post("/api/reservations/" + order + "/confirmation").then().statusCode(200).body("status", equalTo("CONFIRMED"));
        post("/api/reservations/" + order + "/confirmation").then().statusCode(200);
        post("/api/reservations/" + order + "/release").then().statusCode(409)
                .body("type", equalTo("https://shoplab.dev/problems/reservation-conflict"));

        assertStock("SKU-0020", 7, 0);
    }

    @Test
    void releasing_makes_the_units_available_again_once() {
        seed("SKU-0021", 100, 10);
        UUID order = UUID.randomUUID();
        reserve(order, "SKU-0021", 3).then().statusCode(201);

        post("/api/reservations/" + order + "/release").then().statusCode(200).body("status", equalTo("RELEASED"));
        post("/api/reservations/" + order + "/release").then().statusCode(200);
        post("/api/reservations/" + order + "/confirmation").then().statusCode(409);

        assertStock("SKU-0021", 10, 0);
    }

    @Test
    void a_catalogue_reload_keeps_the_units_held_and_confirming_afterwards_sells_exactly_them() {
        seed("SKU-0022", 100, 10);
        UUID before = UUID.randomUUID();
        reserve(before, "SKU-0022", 2).then().statusCode(201);

        seed("SKU-0022", 150, 20);
        assertStock("SKU-0022", 20, 2);
        given().get("/api/inventory/SKU-0022").then().body("priceCents", equalTo(150));
        UUID after = UUID.randomUUID();
        reserve(after, "SKU-0022", 3).then().statusCode(201);
        assertStock("SKU-0022", 17, 5);

        post("/api/reservations/" + before + "/confirmation").then().statusCode(200).body("status", equalTo("CONFIRMED"));
        assertStock("SKU-0022", 17, 3);
        post("/api/reservations/" + after + "/confirmation").then().statusCode(200);
        assertStock("SKU-0022", 17, 0);
    }

    @Test
    void a_catalogue_reload_keeps_the_units_held_and_releasing_afterwards_gives_them_back() {
        seed("SKU-0023", 100, 10);
        UUID order = UUID.randomUUID();
        reserve(order, "SKU-0023", 2).then().statusCode(201);

        seed("SKU-0023", 100, 20);
        assertStock("SKU-0023", 20, 2);

        post("/api/reservations/" + order + "/release").then().statusCode(200).body("status", equalTo("RELEASED"));
        assertStock("SKU-0023", 22, 0);
    }

    @Test
    void releasing_the_reservation_of_an_unknown_order_is_a_404_problem() {
        post("/api/reservations/" + UUID.randomUUID() + "/release").then().statusCode(404)
                .body("type", equalTo("https://shoplab.dev/problems/reservation-not-found"));
        post("/api/reservations/not-a-uuid/release").then().statusCode(400)
                .body("type", equalTo("https://shoplab.dev/problems/malformed-request"));
    }

    @Test
    void concurrent_reservations_never_hold_more_units_than_there_are() throws Exception {
        seed("SKU-0030", 100, 5);
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Integer> call = () -> reserve(UUID.randomUUID(), "SKU-0030", 1).statusCode();
                answers.add(threads.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
        } finally {
            threads.shutdownNow();
        }
        assertStock("SKU-0030", 0, 5);
    }

    @Test
    void concurrent_confirmations_on_one_sku_each_sell_their_own_units() throws Exception {
        seed("SKU-0031", 100, 20);
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID order = UUID.randomUUID();
            reserve(order, "SKU-0031", 1).then().statusCode(201);
            orders.add(order);
        }
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (UUID order : orders) {
                Callable<Integer> call = () -> post("/api/reservations/" + order + "/confirmation").statusCode();
                answers.add(threads.submit(call));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
        assertStock("SKU-0031", 0, 0);
    }

    @Test
    void a_reservation_without_lines_is_a_422_validation_problem() {
        given().contentType(ContentType.JSON).body("{\"orderId\": \"" + UUID.randomUUID() + "\", \"lines\": []}")
                .post("/api/reservations").then().statusCode(422)
                .body("type", equalTo("https://shoplab.dev/problems/validation"))
                .body("detail", startsWith("lines "));
    }

    @Test
    void malformed_json_is_a_400_problem_that_names_the_field() {
        given().contentType(ContentType.JSON)
                .body("{\"orderId\": \"" + UUID.randomUUID() + "\", \"lines\": [{\"sku\": \"SKU-0001\", \"quantity\": \"2\"}]}")
                .post("/api/reservations").then().statusCode(400)
                .body("type", equalTo("https://shoplab.dev/problems/malformed-request"))
                .body("detail", startsWith("lines[0].quantity must be a whole number"));
    }

    private static void seed(String sku, long priceCents, int available) {
        given().header("Authorization", RealInfrastructure.adminAuthorization()).contentType(ContentType.JSON)
                .body("{\"items\": [{\"sku\": \"" + sku + "\", \"priceCents\": " + priceCents + ", \"available\": "
                        + available + "}]}")
                .put("/admin/catalogue").then().statusCode(204);
    }

    private static Response reserve(UUID order, Object... skuAndQuantity) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\": \"").append(skuAndQuantity[i]).append("\", \"quantity\": ")
                    .append(skuAndQuantity[i + 1]).append('}');
        }
        return given().contentType(ContentType.JSON)
                .body("{\"orderId\": \"" + order + "\", \"lines\": [" + lines + "]}")
                .post("/api/reservations");
    }

    private static Response post(String path) {
        return given().post(path);
    }

    private static void assertStock(String sku, int available, int reserved) {
        Response stock = given().get("/api/inventory/" + sku);
        assertThat(stock.statusCode()).isEqualTo(200);
        assertThat(stock.jsonPath().getInt("available")).as("available units of %s", sku).isEqualTo(available);
        assertThat(stock.jsonPath().getInt("reserved")).as("reserved units of %s", sku).isEqualTo(reserved);
    }
}
