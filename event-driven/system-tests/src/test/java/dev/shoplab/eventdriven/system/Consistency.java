package dev.shoplab.eventdriven.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.eventdriven.testing.Providers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The audit of a fault test, read from the services' databases and the providers' ledgers: every order
 * concluded; stock equals what was seeded minus what confirmed orders bought, nothing left reserved; money
 * captured once for a confirmed order and nothing kept for any other; exactly one mail per order, of the
 * right kind. Waits (bounded) until all of it holds, and fails with what still does not.
 */
final class Consistency {

    /** How long an order may take to settle completely (mail included) once its faults are lifted. */
    static final Duration BOUND = Duration.ofSeconds(90);
    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "FAILED");

    /** One order as its database has it. */
    record Order(String id, String status, long totalCents, Map<String, Integer> units) {
    }

    private final EventDrivenShop shop;

    Consistency(EventDrivenShop shop) {
        this.shop = shop;
    }

    /** Waits until the orders are settled and consistent with the seeded stock of their skus; returns them. */
    List<Order> awaitSettled(Collection<String> orderIds, Map<String, Integer> seeded) {
        List<List<Order>> last = new ArrayList<>(List.of(List.of()));
        try {
            Awaitility.await("orders settled and consistent").atMost(BOUND).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> last.set(0, check(orderIds, seeded)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + SagaDiagnosis.of(shop, orderIds), e);
        }
        return last.get(0);
    }

    private List<Order> check(Collection<String> orderIds, Map<String, Integer> seeded) throws SQLException {
        List<Order> orders = orders(orderIds);
        assertThat(orders).as("every acknowledged order exists").hasSize(orderIds.size());
        assertThat(orders).as("every order concluded").allSatisfy(o -> assertThat(o.status()).isIn(TERMINAL));

        Map<String, Integer> sold = new HashMap<>();
        orders.stream().filter(o -> o.status().equals("CONFIRMED"))
                .forEach(o -> o.units().forEach((sku, units) -> sold.merge(sku, units, Integer::sum)));
        Map<String, int[]> stock = stock(seeded.keySet());
        seeded.forEach((sku, initial) -> {
            assertThat(stock.get(sku)[0]).as("available units of %s = seeded %d − sold %d", sku, initial,
                    sold.getOrDefault(sku, 0)).isEqualTo(initial - sold.getOrDefault(sku, 0));
            assertThat(stock.get(sku)[1]).as("units of %s still reserved", sku).isZero();
        });

        Providers providers = shop.providers();
        Map<String, List<JsonNode>> charges = new HashMap<>();
        providers.charges().forEach(c -> charges.computeIfAbsent(c.path("reference").asText(), k -> new ArrayList<>())
                .add(c));
        Map<String, List<JsonNode>> mails = new HashMap<>();
        providers.mails().forEach(m -> mails.computeIfAbsent(m.path("orderId").asText(), k -> new ArrayList<>()).add(m));
        for (Order order : orders) {
            List<JsonNode> mine = charges.getOrDefault(order.id(), List.of());
            long kept = mine.stream().filter(c -> c.path("status").asText().equals("captured"))
                    .mapToLong(c -> c.path("amountCents").asLong() - c.path("refundedCents").asLong()).sum();
            if (order.status().equals("CONFIRMED")) {
                assertThat(mine).as("charges of confirmed order %s", order.id()).singleElement()
                        .satisfies(c -> assertThat(c.path("status").asText()).isEqualTo("captured"));
                assertThat(kept).as("money kept for confirmed order %s", order.id()).isEqualTo(order.totalCents());
            } else {
                assertThat(kept).as("money kept for %s order %s", order.status(), order.id()).isZero();
            }
            assertThat(mails.getOrDefault(order.id(), List.of())).as("mails about order %s", order.id())
                    .singleElement().satisfies(m -> assertThat(m.path("kind").asText())
                            .isEqualTo("ORDER_" + order.status()));
        }
        return orders;
    }

    private List<Order> orders(Collection<String> orderIds) throws SQLException {
        Map<String, Map<String, Integer>> units = new HashMap<>();
        List<Order> orders = new ArrayList<>();
        try (Connection c = shop.database("ed_order")) {
            try (PreparedStatement lines = c.prepareStatement(
                    "select order_id::text, sku, sum(quantity) from order_line where order_id::text = any(?) group by 1, 2")) {
                lines.setArray(1, c.createArrayOf("text", orderIds.toArray()));
                try (ResultSet rs = lines.executeQuery()) {
                    while (rs.next()) {
                        units.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                    }
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "select id::text, status, total_cents from orders where id::text = any(?)")) {
                select.setArray(1, c.createArrayOf("text", orderIds.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        orders.add(new Order(rs.getString(1), rs.getString(2), rs.getLong(3),
                                units.getOrDefault(rs.getString(1), Map.of())));
                    }
                }
            }
        }
        return orders;
    }

    private Map<String, int[]> stock(Set<String> skus) throws SQLException {
        Map<String, int[]> stock = new HashMap<>();
        try (Connection c = shop.database("ed_inventory");
             PreparedStatement select = c.prepareStatement(
                     "select sku, available, reserved from stock_item where sku = any(?)")) {
            select.setArray(1, c.createArrayOf("text", skus.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stock.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
                }
            }
        }
        return stock;
    }
}
