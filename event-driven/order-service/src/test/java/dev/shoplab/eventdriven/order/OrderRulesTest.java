package dev.shoplab.eventdriven.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.eventdriven.order.domain.Conclusion;
import dev.shoplab.eventdriven.order.domain.OrderRequest;
import dev.shoplab.eventdriven.order.domain.OrderRules;
import dev.shoplab.eventdriven.order.domain.OrderStatus;
import dev.shoplab.eventdriven.order.domain.Pricing;
import dev.shoplab.eventdriven.order.domain.RequestFingerprint;
import dev.shoplab.eventdriven.testing.DomainRules;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRulesTest {

    private static OrderRequest request(String customer, List<OrderRequest.Line> lines, String token) {
        return new OrderRequest(customer, lines, token);
    }

    private static OrderRequest.Line line(String sku, Integer quantity) {
        return new OrderRequest.Line(sku, quantity);
    }

    @Test
    void accepts_a_request_that_meets_every_rule() {
        assertThat(OrderRules.violations(request("c-1", List.of(line("SKU-0001", 1), line("SKU-0002", 100)), "tok_ok")))
                .isEmpty();
    }

    @Test
    void names_every_broken_rule_with_its_field() {
        var violations = OrderRules.violations(request(" ", List.of(line(null, 0), line("SKU-0001", 101),
                line("SKU-0001", null)), null));

        assertThat(violations).extracting(OrderRules.Violation::field).containsExactly("customerId", "lines[0].sku",
                "lines[0].quantity", "lines[1].quantity", "lines[2].quantity", "paymentToken");
    }

    @Test
    void an_order_has_one_to_fifty_lines() {
        assertThat(OrderRules.violations(request("c", List.of(), "t"))).extracting(OrderRules.Violation::field)
                .containsExactly("lines");
        assertThat(OrderRules.violations(request("c", Collections.nCopies(51, line("SKU-0001", 1)), "t")))
                .singleElement().asString().contains("at most 50");
    }

    @Test
    void prices_lines_at_their_unit_price() {
        assertThat(Pricing.totalCents(List.of(new Pricing.PricedLine("A", 3, 250), new Pricing.PricedLine("B", 1, 99))))
                .isEqualTo(849);
    }

    @Test
    void the_same_request_has_the_same_fingerprint_and_any_change_another() {
        OrderRequest one = request("c-1", List.of(line("SKU-0001", 2)), "tok_ok");

        assertThat(RequestFingerprint.of(one)).isEqualTo(RequestFingerprint.of(request("c-1", List.of(line("SKU-0001", 2)),
                "tok_ok")));
        assertThat(RequestFingerprint.of(one)).isNotEqualTo(RequestFingerprint.of(request("c-1",
                List.of(line("SKU-0001", 3)), "tok_ok")));
        assertThat(RequestFingerprint.of(one)).isNotEqualTo(RequestFingerprint.of(request("c-1",
                List.of(line("SKU-0001", 2)), "tok_decline")));
    }

    @Test
    void concludes_from_inventorys_last_move_and_only_once() {
        assertThat(Conclusion.confirmed().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(Conclusion.outOfStock("x")).extracting(Conclusion::status, Conclusion::reason)
                .containsExactly(OrderStatus.REJECTED, "OUT_OF_STOCK");
        assertThat(Conclusion.paymentFailed("PAYMENT_DECLINED", null)).extracting(Conclusion::status, Conclusion::reason)
                .containsExactly(OrderStatus.REJECTED, "PAYMENT_DECLINED");
        assertThat(Conclusion.paymentFailed("PAYMENT_UNAVAILABLE", null)).extracting(Conclusion::status,
                Conclusion::reason).containsExactly(OrderStatus.FAILED, "PAYMENT_UNAVAILABLE");
        assertThat(Conclusion.confirmed().appliesTo(OrderStatus.PENDING)).isTrue();
        assertThat(Conclusion.confirmed().appliesTo(OrderStatus.REJECTED)).isFalse();
    }

    @Test
    void order_domain_imports_no_framework() {
        DomainRules.assertDomainImportsNoFramework("dev.shoplab.eventdriven.order");
    }
}
