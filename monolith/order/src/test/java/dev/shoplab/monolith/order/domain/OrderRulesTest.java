package dev.shoplab.monolith.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.monolith.payment.api.PaymentStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pricing, idempotency fingerprints, order ids and how an order ends, in plain Java. */
class OrderRulesTest {

    private static final Map<String, OrderQuote.CatalogueEntry> CATALOGUE = Map.of(
            "SKU-0001", new OrderQuote.CatalogueEntry("SKU-0001", 1250, 10),
            "SKU-0002", new OrderQuote.CatalogueEntry("SKU-0002", 999, 3));

    @Test
    void the_total_is_the_exact_sum_of_the_lines() {
        OrderQuote quote = OrderQuote.price(List.of(new PlaceOrder.Line("SKU-0001", 3), new PlaceOrder.Line("SKU-0002", 2)),
                CATALOGUE);

        assertThat(quote.totalCents()).isEqualTo(3 * 1250 + 2 * 999);
        assertThat(quote.lines()).extracting(OrderQuote.PricedLine::totalCents).containsExactly(3750L, 1998L);
        assertThat(quote.unknownSkus()).isEmpty();
        assertThat(quote.shortSkus()).isEmpty();
    }

    @Test
    void names_the_skus_the_catalogue_does_not_have() {
        OrderQuote quote = OrderQuote.price(List.of(new PlaceOrder.Line("SKU-0001", 1), new PlaceOrder.Line("SKU-9999", 1),
                new PlaceOrder.Line("SKU-9998", 1), new PlaceOrder.Line("SKU-9999", 2)), CATALOGUE);

        assertThat(quote.unknownSkus()).containsExactly("SKU-9999", "SKU-9998");
    }

    @Test
    void counts_lines_of_one_sku_together_against_its_stock() {
        OrderQuote fits = OrderQuote.price(List.of(new PlaceOrder.Line("SKU-0002", 1), new PlaceOrder.Line("SKU-0002", 2)),
                CATALOGUE);
        OrderQuote tooMuch = OrderQuote.price(List.of(new PlaceOrder.Line("SKU-0002", 2), new PlaceOrder.Line("SKU-0002", 2)),
                CATALOGUE);

        assertThat(fits.shortSkus()).isEmpty();
        assertThat(tooMuch.shortSkus()).containsExactly("SKU-0002");
    }

    @Test
    void the_same_request_has_the_same_fingerprint_and_any_change_changes_it() {
        PlaceOrder request = new PlaceOrder("c-1", List.of(new PlaceOrder.Line("SKU-0001", 2)), "tok_ok");
        String fingerprint = SameKeyMeansSameRequest.fingerprint(request);

        assertThat(SameKeyMeansSameRequest.sameRequest(fingerprint,
                new PlaceOrder("c-1", List.of(new PlaceOrder.Line("SKU-0001", 2)), "tok_ok"))).isTrue();
        assertThat(SameKeyMeansSameRequest.sameRequest(fingerprint,
                new PlaceOrder("c-1", List.of(new PlaceOrder.Line("SKU-0001", 3)), "tok_ok"))).isFalse();
        assertThat(SameKeyMeansSameRequest.sameRequest(fingerprint,
                new PlaceOrder("c-1", List.of(new PlaceOrder.Line("SKU-0001", 2)), "tok_decline"))).isFalse();
        assertThat(SameKeyMeansSameRequest.sameRequest(fingerprint,
                new PlaceOrder("c-2", List.of(new PlaceOrder.Line("SKU-0001", 2)), "tok_ok"))).isFalse();
    }

    @Test
    void fields_cannot_be_shifted_into_each_other_to_fake_the_same_fingerprint() {
        String one = SameKeyMeansSameRequest.fingerprint(new PlaceOrder("ab", List.of(new PlaceOrder.Line("S", 1)), "c"));
        String other = SameKeyMeansSameRequest.fingerprint(new PlaceOrder("a", List.of(new PlaceOrder.Line("S", 1)), "bc"));

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void order_ids_are_version_7_uuids_ordered_by_time_and_unique() {
        Instant earlier = Instant.parse("2026-01-01T00:00:00Z");
        UUID first = OrderIds.next(earlier);
        UUID later = OrderIds.next(earlier.plusMillis(1));
        Set<UUID> many = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(OrderIds.next(earlier));
        }

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.toString().compareTo(later.toString())).isNegative();
        assertThat(many).hasSize(10_000);
    }

    @Test
    void captured_money_confirms_a_decline_rejects_and_anything_else_fails() {
        assertThat(OrderOutcomeFollowsPayment.after(PaymentStatus.CAPTURED))
                .isEqualTo(new OrderOutcomeFollowsPayment.Conclusion(OrderStatus.CONFIRMED, null));
        assertThat(OrderOutcomeFollowsPayment.after(PaymentStatus.DECLINED))
                .isEqualTo(new OrderOutcomeFollowsPayment.Conclusion(OrderStatus.REJECTED, OrderReason.PAYMENT_DECLINED));
        assertThat(OrderOutcomeFollowsPayment.after(PaymentStatus.NOT_CHARGED).status()).isEqualTo(OrderStatus.FAILED);
        assertThat(OrderOutcomeFollowsPayment.after(PaymentStatus.UNKNOWN).reason()).isEqualTo(OrderReason.PAYMENT_UNAVAILABLE);
        assertThat(OrderOutcomeFollowsPayment.after(PaymentStatus.CAPTURED).keepsStock()).isTrue();
        assertThat(OrderOutcomeFollowsPayment.after(PaymentStatus.DECLINED).keepsStock()).isFalse();
    }
}
