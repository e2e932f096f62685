package dev.shoplab.eventdriven.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.conformance.Answer;
import dev.shoplab.conformance.ShopClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Places orders at the edge for the fault tests, the way a customer's client does, and keeps their ids. */
final class Shopper {

    private final ShopClient client;
    private final List<String> placed = new ArrayList<>();

    Shopper(EventDrivenShop shop) {
        this.client = ShopClient.of(shop.asShopUnderTest());
    }

    /** Places an order of {@code quantity} units of {@code sku}; the edge must accept it (202). Returns its id. */
    String order(String sku, int quantity, String paymentToken) {
        Answer answer = client.placeOrder(ShopClient.orderBody("c-" + UUID.randomUUID().toString().substring(0, 8),
                paymentToken, sku, quantity), null);
        assertThat(answer.status()).as("%s", answer).isEqualTo(202);
        String id = answer.json().path("orderId").asText();
        placed.add(id);
        return id;
    }

    /** Every order placed so far. */
    List<String> placed() {
        return List.copyOf(placed);
    }

    ShopClient client() {
        return client;
    }
}
