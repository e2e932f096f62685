package dev.shoplab.eventdriven.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker is stopped with orders in flight and started again: the edge keeps accepting orders into
 * its outbox, and producers and consumers reconnect by themselves, so every order concludes consistently.
 * Skus SKU-0801 … SKU-0809 belong to this class.
 */
class BrokerRestartTest {

    private final EventDrivenShop shop = EventDrivenShop.get();

    @Test
    void the_system_resumes_by_itself_after_the_broker_restarts() {
        Map<String, Integer> seeded = Map.of("SKU-0801", 100);
        shop.seed(seeded);
        Shopper shopper = new Shopper(shop);
        for (int i = 0; i < 4; i++) {
            shopper.order("SKU-0801", 1, "tok_ok");
        }

        shop.lab().kafkaBroker().stop();
        try {
            for (int i = 0; i < 6; i++) {
                shopper.order("SKU-0801", 2, i == 0 ? "tok_decline" : "tok_ok"); // the edge needs only its database
            }
        } finally {
            shop.lab().kafkaBroker().startAgain();
        }

        List<Consistency.Order> orders = new Consistency(shop).awaitSettled(shopper.placed(), seeded);
        assertThat(orders).filteredOn(o -> o.status().equals("CONFIRMED")).hasSize(9);
    }
}
