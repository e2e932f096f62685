package dev.shoplab.conformance;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Idempotency-Key: the same key and body give the same order and take stock (and money) once;
 * the same key with another body is a 409 problem; different keys, or no key, are different orders.
 * Skus SKU-0301 … SKU-0310 belong to this class.
 */
public abstract class IdempotencyConformance extends ConformanceSupport {

    @Test
    void repeating_a_request_with_its_key_returns_the_same_order_and_takes_stock_once() {
        client().seed(Map.of("SKU-0301", 10));
        String key = newKey();
        ObjectNode body = orderBody(newCustomer(), "tok_ok", "SKU-0301", 2);

        Answer firstAnswer = client().placeOrder(body, key);
        JsonNode first = client().concluded(firstAnswer);
        Answer repeatAnswer = client().placeOrder(body, key);

        JsonNode repeat = client().concluded(repeatAnswer);
        assertThat(repeat.path("orderId").asText()).isEqualTo(first.path("orderId").asText());
        assertThat(repeat.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(repeat.path("totalCents").asLong()).isEqualTo(first.path("totalCents").asLong());
        assertThat(repeatAnswer.location()).isEqualTo(firstAnswer.location());
        assertStock("SKU-0301", 8, 0);
    }

    @Test
    void reusing_a_key_with_another_body_is_a_409_problem() {
        client().seed(Map.of("SKU-0302", 10));
        String key = newKey();
        String customer = newCustomer();
        client().placeConcluded(orderBody(customer, "tok_ok", "SKU-0302", 1), key);

        Answer otherQuantity = client().placeOrder(orderBody(customer, "tok_ok", "SKU-0302", 2), key);
        Answer otherToken = client().placeOrder(orderBody(customer, "tok_decline", "SKU-0302", 1), key);

        assertProblem(otherQuantity, 409, "idempotency-key-reused", key);
        assertProblem(otherToken, 409, "idempotency-key-reused", key);
        assertStock("SKU-0302", 9, 0);
    }

    /**
     * Two requests that a fingerprint joining the fields, with or without a separator, would take for one:
     * the boundary between customer id and payment token moves, and the separator is inside a field. Each
     * second request is a 409, not the first one's order.
     */
    @ParameterizedTest(name = "customer and token joined by [{0}] do not collide")
    @ValueSource(strings = {"", "|", ":", ";", ",", "1:"})
    void a_request_crafted_to_collide_with_another_under_the_same_key_is_a_409(String separator) {
        client().seed(Map.of("SKU-0306", 20));
        String key = newKey();
        String customer = newCustomer();
        client().placeConcluded(orderBody(customer + separator + "x", "tok_ok", "SKU-0306", 1), key);

        Answer crafted = client().placeOrder(orderBody(customer, "x" + separator + "tok_ok", "SKU-0306", 1), key);

        assertProblem(crafted, 409, "idempotency-key-reused", key);
        assertThat(crafted.replayed()).as("not the first order: %s", crafted).isFalse();
    }

    @Test
    void requests_with_different_keys_or_without_a_key_are_different_orders() {
        client().seed(Map.of("SKU-0303", 10));
        ObjectNode body = orderBody(newCustomer(), "tok_ok", "SKU-0303", 1);

        JsonNode withKey = client().placeConcluded(body, newKey());
        JsonNode withOtherKey = client().placeConcluded(body, newKey());
        JsonNode withoutKey = client().placeConcluded(body, null);
        JsonNode againWithoutKey = client().placeConcluded(body, null);

        Set<String> ids = Set.of(withKey, withOtherKey, withoutKey, againWithoutKey).stream()
                .map(o -> o.path("orderId").asText()).collect(Collectors.toSet());
        assertThat(ids).hasSize(4);
        assertStock("SKU-0303", 6, 0);
    }

    @Test
    void a_declined_order_repeated_with_its_key_stays_the_same_rejected_order() {
        client().seed(Map.of("SKU-0304", 10));
        String key = newKey();
        ObjectNode body = orderBody(newCustomer(), "tok_decline", "SKU-0304", 3);

        JsonNode first = client().placeConcluded(body, key);
        JsonNode repeat = client().placeConcluded(body, key);

        assertThat(first.path("status").asText()).isEqualTo("REJECTED");
        assertThat(repeat.path("orderId").asText()).isEqualTo(first.path("orderId").asText());
        assertThat(repeat.path("status").asText()).isEqualTo("REJECTED");
        assertStock("SKU-0304", 10, 0);
    }

    @Test
    void concurrent_repeats_of_one_request_are_one_order() {
        client().seed(Map.of("SKU-0305", 10));
        String key = newKey();
        ObjectNode body = orderBody(newCustomer(), "tok_ok", "SKU-0305", 1);

        List<JsonNode> orders = Concurrently.run(8, i -> client().placeConcluded(body, key));

        assertThat(orders.stream().map(o -> o.path("orderId").asText()).distinct()).hasSize(1);
        assertThat(orders).allSatisfy(o -> assertThat(o.path("status").asText()).isEqualTo("CONFIRMED"));
        assertStock("SKU-0305", 9, 0);
    }
}
