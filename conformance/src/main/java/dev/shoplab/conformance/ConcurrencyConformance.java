package dev.shoplab.conformance;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Orders racing for the same stock: every unit is accounted for exactly, and stock is never
 * oversold. Skus SKU-0401 … SKU-0420 belong to this class.
 */
public abstract class ConcurrencyConformance extends ConformanceSupport {

    static final int ORDERS = 40;

    @Test
    void forty_concurrent_orders_on_one_sku_are_accounted_for_exactly() {
        client().seed(Map.of("SKU-0401", 100));

        List<JsonNode> orders = Concurrently.run(ORDERS, i ->
                client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0401", i % 3 + 1), null));

        assertThat(orders).allSatisfy(o -> assertThat(o.path("status").asText()).as("%s", o).isEqualTo("CONFIRMED"));
        int sold = orders.stream().mapToInt(o -> o.path("lines").get(0).path("quantity").asInt()).sum();
        assertThat(sold).isEqualTo(IntStream.range(0, ORDERS).map(i -> i % 3 + 1).sum());
        assertThat(orders.stream().map(o -> o.path("orderId").asText()).distinct()).hasSize(ORDERS);
        assertStock("SKU-0401", 100 - sold, 0);
    }

    @Test
    void forty_concurrent_orders_on_scarce_stock_never_oversell() {
        client().seed(Map.of("SKU-0402", 25));

        List<JsonNode> orders = Concurrently.run(ORDERS, i ->
                client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0402", 1), null));

        long confirmed = orders.stream().filter(o -> o.path("status").asText().equals("CONFIRMED")).count();
        List<JsonNode> others = orders.stream().filter(o -> !o.path("status").asText().equals("CONFIRMED")).toList();
        assertThat(confirmed).as("confirmed of %s", outcomes(orders)).isEqualTo(25);
        assertThat(others).hasSize(15).allSatisfy(o -> {
            assertThat(o.path("status").asText()).isEqualTo("REJECTED");
            assertThat(o.path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        });
        assertStock("SKU-0402", 0, 0);
    }

    @Test
    void two_orders_racing_for_the_last_unit_never_both_win() {
        for (int round = 1; round <= 5; round++) {
            String sku = String.format("SKU-04%02d", 10 + round);
            client().seed(Map.of(sku, 1));

            List<JsonNode> orders = Concurrently.run(2, i ->
                    client().placeConcluded(orderBody(newCustomer(), "tok_ok", sku, 1), null));

            assertThat(orders).as("round %d on %s", round, sku)
                    .filteredOn(o -> o.path("status").asText().equals("CONFIRMED")).hasSize(1);
            assertThat(orders).as("round %d on %s", round, sku)
                    .filteredOn(o -> o.path("reason").asText().equals("OUT_OF_STOCK")).hasSize(1);
            assertStock(sku, 0, 0);
        }
    }

    /** How many orders ended how, for failure messages: {@code {CONFIRMED=25, REJECTED/OUT_OF_STOCK=15}}. */
    static Map<String, Long> outcomes(List<JsonNode> orders) {
        return orders.stream().collect(Collectors.groupingBy(o -> o.path("status").asText()
                + (o.path("reason").isTextual() ? "/" + o.path("reason").asText() : ""), TreeMap::new,
                Collectors.counting()));
    }
}
