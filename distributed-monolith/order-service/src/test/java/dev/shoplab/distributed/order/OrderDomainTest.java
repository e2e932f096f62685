package dev.shoplab.distributed.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shoplab.distributed.order.domain.OrderQuote;
import dev.shoplab.distributed.order.domain.OrderStatus;
import dev.shoplab.distributed.order.domain.PlaceOrder;
import dev.shoplab.distributed.order.domain.SameKeyMeansSameRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** order-service's rules as plain Java: pricing, what "the same request" means, which mail ends an order. */
class OrderDomainTest {

    @Test
    void an_order_is_priced_line_by_line_at_the_catalogue_prices() {
        OrderQuote quote = OrderQuote.price(List.of(new PlaceOrder.Line("A", 2), new PlaceOrder.Line("B", 3),
                new PlaceOrder.Line("A", 1)), Map.of("A", 150L, "B", 1000L));

        assertThat(quote.totalCents()).isEqualTo(2 * 150 + 3 * 1000 + 150);
        assertThat(quote.lines()).hasSize(3);
        assertThat(quote.unknownSkus()).isEmpty();
    }

    @Test
    void skus_the_catalogue_lacks_are_listed_once_each_in_order() {
        OrderQuote quote = OrderQuote.price(List.of(new PlaceOrder.Line("X", 1), new PlaceOrder.Line("A", 1),
                new PlaceOrder.Line("X", 2), new PlaceOrder.Line("Y", 1)), Map.of("A", 150L));

        assertThat(quote.unknownSkus()).containsExactly("X", "Y");
    }

    @Test
    void the_same_request_has_the_same_fingerprint_and_any_change_another() {
        PlaceOrder order = new PlaceOrder("c-1", List.of(new PlaceOrder.Line("A", 2)), "tok_ok");
        String fingerprint = SameKeyMeansSameRequest.fingerprint(order);

        assertThat(SameKeyMeansSameRequest.fingerprint(new PlaceOrder("c-1", List.of(new PlaceOrder.Line("A", 2)),
                "tok_ok"))).isEqualTo(fingerprint);
        assertThat(SameKeyMeansSameRequest.fingerprint(new PlaceOrder("c-1", List.of(new PlaceOrder.Line("A", 3)),
                "tok_ok"))).isNotEqualTo(fingerprint);
        assertThat(SameKeyMeansSameRequest.fingerprint(new PlaceOrder("c-1", List.of(new PlaceOrder.Line("A", 2)),
                "tok_decline"))).isNotEqualTo(fingerprint);
    }

    @Test
    void fields_cannot_run_into_each_other() {
        assertThat(SameKeyMeansSameRequest.fingerprint(new PlaceOrder("ab", List.of(new PlaceOrder.Line("c", 1)), "t")))
                .isNotEqualTo(SameKeyMeansSameRequest.fingerprint(new PlaceOrder("a", List.of(new PlaceOrder.Line("bc", 1)),
                        "t")));
    }

    @Test
    void every_way_an_order_ends_has_its_mail_and_a_pending_order_none() {
        assertThat(OrderStatus.CONFIRMED.notificationKind()).isEqualTo("order-confirmed");
        assertThat(OrderStatus.REJECTED.notificationKind()).isEqualTo("order-rejected");
        assertThat(OrderStatus.FAILED.notificationKind()).isEqualTo("order-failed");
        assertThatThrownBy(OrderStatus.PENDING::notificationKind).isInstanceOf(IllegalStateException.class);
    }
}
