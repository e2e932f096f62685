package dev.shoplab.eventdriven.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A service is killed with SIGKILL while orders are in flight and started again: the outbox, the idempotent
 * consumers, the leases and the idempotency keys make every acknowledged order conclude with no lost and no
 * doubled effect (stock, money, mail). Skus SKU-0701 … SKU-0709 belong to this class, one per role.
 */
class ServiceCrashTest {

    private final EventDrivenShop shop = EventDrivenShop.get();

    @ParameterizedTest(name = "{0} killed mid-flight")
    @CsvSource({"inventory-service, SKU-0701", "payment-service, SKU-0702", "notification-service, SKU-0703",
            "order-service, SKU-0704"})
    void a_service_killed_mid_flight_and_restarted_loses_and_doubles_nothing(String role, String sku) {
        Map<String, Integer> seeded = Map.of(sku, 200);
        shop.seed(seeded);
        Shopper shopper = new Shopper(shop);
        for (int i = 0; i < 8; i++) {
            shopper.order(sku, 1 + i % 3, i % 4 == 3 ? "tok_decline" : "tok_ok");
        }

        shop.running().kill(role);
        if (!role.equals("order-service")) {
            for (int i = 0; i < 4; i++) {
                shopper.order(sku, 2, "tok_ok"); // accepted while the service is down: waits in Kafka
            }
        }
        shop.running().restart(role);

        List<Consistency.Order> orders = new Consistency(shop).awaitSettled(shopper.placed(), seeded);
        assertThat(orders).hasSize(shopper.placed().size());
    }
}
