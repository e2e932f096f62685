package dev.shoplab.conformance;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static dev.shoplab.conformance.ShopClient.priceOf;
import static dev.shoplab.conformance.ShopClient.stockOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Placing and reading orders: a confirmed order with exact totals and stock accounting, a declined
 * payment, a sold-out sku, and reading orders and stock (404 problems for what does not exist).
 * Skus SKU-0101 … SKU-0111 belong to this class.
 */
public abstract class OrderPlacementConformance extends ConformanceSupport {

    @Test
    void confirms_an_order_with_exact_totals_and_takes_its_stock() {
        client().seed(Map.of("SKU-0101", 50, "SKU-0102", 50));
        String customer = newCustomer();

        Answer posted = client().placeOrder(orderBody(customer, "tok_ok", "SKU-0101", 2, "SKU-0102", 3), null);
        JsonNode order = client().concluded(posted);

        long expectedTotal = 2 * priceOf("SKU-0101") + 3 * priceOf("SKU-0102");
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.path("reason").isNull() || order.path("reason").isMissingNode()).as("no reason: %s", order).isTrue();
        assertThat(order.path("customerId").asText()).isEqualTo(customer);
        assertThat(order.path("totalCents").asLong()).isEqualTo(expectedTotal);
        assertThat(order.path("lines")).hasSize(2);
        assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("SKU-0101");
        assertThat(order.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(order.path("lines").get(1).path("sku").asText()).isEqualTo("SKU-0102");
        assertThat(order.path("lines").get(1).path("quantity").asInt()).isEqualTo(3);
        assertThat(order.path("lines").get(0).path("unitPriceCents").asLong()).isEqualTo(priceOf("SKU-0101"));
        assertThat(order.path("lines").get(0).path("lineTotalCents").asLong()).as("line 1 of %s", order)
                .isEqualTo(2 * priceOf("SKU-0101"));
        assertThat(order.path("lines").get(1).path("lineTotalCents").asLong()).as("line 2 of %s", order)
                .isEqualTo(3 * priceOf("SKU-0102"));
        assertThat(order.path("createdAt").asText()).isNotBlank();
        assertThat(order.path("updatedAt").asText()).isNotBlank();
        String orderId = order.path("orderId").asText();
        assertThat(posted.location()).as("Location of %s", posted).hasValueSatisfying(location ->
                assertThat(location).endsWith("/api/orders/" + orderId));

        Answer read = client().get("/api/orders/" + orderId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("createdAt").asText()).as("createdAt read back, against the POST's answer")
                .isEqualTo(posted.json().path("createdAt").asText());
        // the event-driven edge shows the saga's timeline: its first step, the placing, reads back as answered too
        assertThat(read.json().path("timeline").path(0).path("at").asText()).as("the first step's time read back")
                .isEqualTo(posted.json().path("timeline").path(0).path("at").asText());
        assertThat(read.json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(read.json().path("totalCents").asLong()).isEqualTo(expectedTotal);
        assertThat(read.json().path("lines")).hasSize(2);
        assertStock("SKU-0101", 48, 0);
        assertStock("SKU-0102", 47, 0);
    }

    @Test
    void rejects_an_order_whose_payment_is_declined_and_leaves_the_stock_untouched() {
        client().seed(Map.of("SKU-0103", 50));

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_decline", "SKU-0103", 4), null);

        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(order.path("totalCents").asLong()).isEqualTo(4 * priceOf("SKU-0103"));
        assertStock("SKU-0103", 50, 0);
        Answer read = client().get("/api/orders/" + order.path("orderId").asText());
        assertThat(read.json().path("status").asText()).isEqualTo("REJECTED");
    }

    /**
     * A payment token the PSP does not know is the client's mistake: the PSP answers 400, and that is an answer (a
     * decline), not an outage. Several in a row, more than the mesh's outlier detection counts (three consecutive
     * 5xx), must not harm the next customer's ordinary order: no input a client controls produces a 5xx anywhere.
     */
    @Test
    void an_unknown_payment_token_is_a_decline_and_harms_no_other_order() {
        client().seed(Map.of("SKU-0108", 50));

        for (int i = 0; i < 5; i++) {
            JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_xyz", "SKU-0108", 1), null);
            assertThat(order.path("status").asText()).as("order %d with tok_xyz: %s", i, order).isEqualTo("REJECTED");
            assertThat(order.path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
        }
        JsonNode ordinary = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0108", 2), null);

        assertThat(ordinary.path("status").asText()).as("the next ordinary order: %s", ordinary).isEqualTo("CONFIRMED");
        assertStock("SKU-0108", 48, 0);
    }

    /**
     * A customer id is any printable text of up to 100 characters, and what the shop makes of it (a mail address) must
     * fit wherever it goes: {@code İ} (U+0130) lowercases to two characters, and 100 of them made an address too long
     * for the notification's column — a 500 after the charge in the monolith, and in the distributed monolith
     * notification-service's 5xx, which the mesh counts towards ejecting it for every customer.
     */
    @Test
    void a_customer_id_of_any_printable_text_orders_like_any_other_and_harms_no_other_order() {
        client().seed(Map.of("SKU-0109", 50));

        for (int i = 0; i < 4; i++) {
            JsonNode order = client().placeConcluded(orderBody("İ".repeat(100), "tok_ok", "SKU-0109", 1), null);
            assertThat(order.path("status").asText()).as("order %d of customer İ×100: %s", i, order).isEqualTo("CONFIRMED");
            assertThat(order.path("customerId").asText()).isEqualTo("İ".repeat(100));
        }
        JsonNode ordinary = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0109", 2), null);

        assertThat(ordinary.path("status").asText()).as("the next ordinary order: %s", ordinary).isEqualTo("CONFIRMED");
        assertStock("SKU-0109", 44, 0);
    }

    /**
     * The largest order the API takes — 50 lines of 100 units at the catalogue's highest price, 100,000,000 cents — is
     * an order like any other: 500,000,000,000 cents charged and confirmed, in every architecture (a service that
     * caps an amount below it turns a valid order into a failure).
     */
    @Test
    void confirms_the_largest_order_the_api_takes_at_the_highest_price_the_catalogue_takes() {
        Answer seeded = client().putCatalogue("{\"items\": [{\"sku\": \"SKU-0111\", \"priceCents\": 100000000,"
                + " \"available\": 5000}]}");
        assertThat(seeded.status()).as("seeding SKU-0111 at the highest price: %s", seeded).isBetween(200, 299);
        Object[] lines = new Object[100];
        for (int i = 0; i < lines.length; i += 2) {
            lines[i] = "SKU-0111";
            lines[i + 1] = 100;
        }

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", lines), null);

        assertThat(order.path("status").asText()).as("%s", order.path("reason")).isEqualTo("CONFIRMED");
        assertThat(order.path("totalCents").asLong()).isEqualTo(500_000_000_000L);
        assertStock("SKU-0111", 0, 0);
    }

    @Test
    void rejects_an_order_for_the_sold_out_sku() {
        client().seed(Map.of("SKU-1000", 0));

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-1000", 1), null);

        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertStock("SKU-1000", 0, 0);
    }

    @Test
    void rejects_the_whole_order_when_one_line_lacks_stock() {
        client().seed(Map.of("SKU-0104", 10, "SKU-0105", 1));

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0104", 2, "SKU-0105", 2), null);

        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertStock("SKU-0104", 10, 0);
        assertStock("SKU-0105", 1, 0);
    }

    @Test
    void counts_two_lines_of_one_sku_against_its_stock_together() {
        client().seed(Map.of("SKU-0106", 5));

        JsonNode first = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0106", 2, "SKU-0106", 3), null);
        JsonNode second = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0106", 1, "SKU-0106", 1), null);

        assertThat(first.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(first.path("totalCents").asLong()).isEqualTo(5 * priceOf("SKU-0106"));
        assertThat(second.path("status").asText()).isEqualTo("REJECTED");
        assertThat(second.path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertStock("SKU-0106", 0, 0);
    }

    @Test
    void shows_the_price_and_stock_of_a_sku() {
        client().seed(stockOf(7, "SKU-0107"));

        JsonNode stock = client().stock("SKU-0107");

        assertThat(stock.path("sku").asText()).isEqualTo("SKU-0107");
        assertThat(stock.path("priceCents").asLong()).isEqualTo(priceOf("SKU-0107"));
        assertThat(stock.path("available").asInt()).isEqualTo(7);
        assertThat(stock.path("reserved").asInt()).isZero();
    }

    @Test
    void answers_a_404_problem_for_an_unknown_order() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(client().get("/api/orders/" + unknown), 404, "order-not-found", unknown);
        assertProblem(client().get("/api/orders/not-an-order-id"), 404, "order-not-found", "not-an-order-id");
    }

    @Test
    void answers_a_404_problem_for_an_unknown_sku() {
        assertProblem(client().get("/api/inventory/SKU-9999"), 404, "sku-not-found", "SKU-9999");
        assertProblem(client().get("/api/inventory/no-such-sku"), 404, "sku-not-found", "no-such-sku");
    }

    /**
     * A sku is any printable text of up to 32 characters: one that holds a space, {@code ; / % + ? #} and a letter
     * beyond ASCII is read, priced and sold as itself — through every hop that names it in a path or a query.
     */
    @Test
    void a_sku_of_any_printable_text_is_read_and_sold_as_itself() {
        String sku = "S K;a/b%+é?#&=1";
        ObjectNode catalogue = new ObjectMapper().createObjectNode();
        catalogue.putArray("items").addObject().put("sku", sku).put("priceCents", 1234).put("available", 5);
        assertThat(client().putCatalogue(catalogue.toString()).status()).isBetween(200, 299);

        Answer level = client().get("/api/inventory/" + URLEncoder.encode(sku, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        assertThat(level.status()).as("%s", level).isEqualTo(200);
        assertThat(level.json().path("sku").asText()).isEqualTo(sku);
        JsonNode order = client().concluded(client().placeOrder(orderBody(newCustomer(), "tok_ok", sku, 2), null));
        assertThat(order.path("status").asText()).as("%s", order).isEqualTo("CONFIRMED");
        assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo(sku);
        assertThat(order.path("totalCents").asLong()).isEqualTo(2 * 1234);
    }

    /**
     * A sku is one path segment whatever it holds: a {@code ;} (which a URI may read as the start of matrix parameters)
     * or an encoded {@code /} names no sku of the catalogue, and never another sku's stock.
     */
    @Test
    void a_sku_with_a_semicolon_or_a_slash_names_no_other_sku() {
        client().seed(Map.of("SKU-0110", 5));
        assertProblem(client().get("/api/inventory/SKU-0110%3Bx"), 404, "sku-not-found", "SKU-0110;x");
        assertProblem(client().get("/api/inventory/SKU-0110%3B%2F..%2FSKU-0101"), 404, "sku-not-found",
                "SKU-0110;/../SKU-0101");
        assertProblem(client().get("/api/inventory/%3B"), 404, "sku-not-found", ";");
    }
}
