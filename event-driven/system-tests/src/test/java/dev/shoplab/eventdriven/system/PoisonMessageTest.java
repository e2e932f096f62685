package dev.shoplab.eventdriven.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.eventdriven.messaging.DeadLetters;
import dev.shoplab.eventdriven.testing.EventProbe;
import dev.shoplab.eventdriven.testing.EventSender;
import dev.shoplab.eventdriven.testing.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Poison on every saga topic goes to the dead-letter topics, with the reason and the consumer that gave up,
 * while orders keep flowing through the same partitions. Skus SKU-0901 … SKU-0909 belong to this class.
 */
class PoisonMessageTest {

    private static final List<String> SAGA_TOPICS = List.of("orders.v1", "inventory.v1", "payments.v1",
            "notifications.v1");

    private final EventDrivenShop shop = EventDrivenShop.get();

    @Test
    void poison_goes_to_the_dead_letter_topics_while_other_orders_keep_flowing() {
        Map<String, Integer> seeded = Map.of("SKU-0901", 50);
        shop.seed(seeded);
        Shopper shopper = new Shopper(shop);
        String key = UUID.randomUUID().toString();
        try (EventProbe deadLetters = EventProbe.listen(shop.bootstrapServers(), SAGA_TOPICS.stream()
                .map(t -> t + ".dlt").toArray(String[]::new));
             EventSender sender = EventSender.connect(shop.bootstrapServers())) {

            shopper.order("SKU-0901", 1, "tok_ok");
            for (String topic : SAGA_TOPICS) {
                sender.send(topic, key, ("{\"this is\": \"not an event\" from " + topic).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 5; i++) {
                shopper.order("SKU-0901", 1, "tok_ok");
            }

            new Consistency(shop).awaitSettled(shopper.placed(), seeded);
            // orders.v1 is read by inventory, payment and notification; inventory.v1 by payment and order;
            // payments.v1 by inventory and order; notifications.v1 by order.
            List<ReceivedEvent> dead = deadLetters.awaitCount(Duration.ofSeconds(30), "eight dead letters", 8,
                    e -> key.equals(e.key()));
            assertThat(dead).allSatisfy(e -> assertThat(e.header(DeadLetters.REASON)).startsWith("not a JSON event"));
            Set<String> whoGaveUp = dead.stream().map(e -> e.topic() + " by " + e.header(DeadLetters.CONSUMER))
                    .collect(Collectors.toSet());
            assertThat(whoGaveUp).containsExactlyInAnyOrder(
                    "orders.v1.dlt by inventory-service", "orders.v1.dlt by payment-service",
                    "orders.v1.dlt by notification-service", "inventory.v1.dlt by payment-service",
                    "inventory.v1.dlt by order-service", "payments.v1.dlt by inventory-service",
                    "payments.v1.dlt by order-service", "notifications.v1.dlt by order-service");
        }
    }
}
