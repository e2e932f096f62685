package dev.shoplab.eventdriven.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PSP goes down while orders are in flight and comes back: payment retries with backoff under one
 * idempotency key, so every order concludes, is charged at most once, and its stock and mail follow.
 * Skus SKU-0601 … SKU-0609 belong to this class.
 */
class PspOutageTest {

    private final EventDrivenShop shop = EventDrivenShop.get();

    @AfterEach
    void liftFaults() {
        shop.providers().liftFaults("psp");
    }

    @Test
    void orders_placed_while_the_psp_is_down_all_conclude_consistently_once_it_is_back() throws Exception {
        Map<String, Integer> seeded = Map.of("SKU-0601", 100, "SKU-0602", 100);
        shop.seed(seeded);
        Shopper shopper = new Shopper(shop);
        shop.providers().faults("psp", "{\"down\":true}");

        for (int i = 0; i < 6; i++) {
            shopper.order(i % 2 == 0 ? "SKU-0601" : "SKU-0602", 1 + i % 3, i == 5 ? "tok_decline" : "tok_ok");
        }
        Awaitility.await("every payment tried the PSP and failed at least once").atMost(Duration.ofSeconds(60))
                .until(() -> failedAttempts(shopper.placed()) == shopper.placed().size());
        assertThat(statuses(shopper)).as("nothing concludes while the PSP is down").containsOnly("PENDING");
        shop.providers().liftFaults("psp");

        List<Consistency.Order> orders = new Consistency(shop).awaitSettled(shopper.placed(), seeded);
        assertThat(orders).filteredOn(o -> o.status().equals("CONFIRMED")).hasSize(5);
        assertThat(orders).filteredOn(o -> o.status().equals("REJECTED")).hasSize(1);
    }

    private List<String> statuses(Shopper shopper) {
        return shopper.placed().stream().map(id -> shopper.client().get("/api/orders/" + id).json().path("status")
                .asText()).toList();
    }

    /** How many of the orders' payments have at least one failed attempt recorded. */
    private long failedAttempts(List<String> orderIds) throws Exception {
        try (Connection c = shop.database("ed_payment");
             PreparedStatement select = c.prepareStatement(
                     "select count(*) from payment where order_id = any(?) and attempts >= 1 and state = 'CHARGING'")) {
            select.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
