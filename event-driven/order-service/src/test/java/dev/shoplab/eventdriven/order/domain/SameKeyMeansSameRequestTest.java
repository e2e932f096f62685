package dev.shoplab.eventdriven.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fingerprint that decides "same key, same request" is of an unambiguous serialization: two requests get
 * the same fingerprint exactly when they are the same request. The generated requests are built from a few
 * characters that include the separators and digits a naive encoding would confuse ({@code :}, {@code ;},
 * {@code |}, {@code ,}), so that requests which join to the same string are common among them.
 */
class SameKeyMeansSameRequestTest {

    @Property(tries = 2000)
    void two_requests_have_the_same_fingerprint_exactly_when_they_are_the_same(
            @ForAll("requests") PlaceOrder first, @ForAll("requests") PlaceOrder second) {
        assertThat(SameKeyMeansSameRequest.fingerprint(first).equals(SameKeyMeansSameRequest.fingerprint(second)))
                .as("%s and %s", first, second).isEqualTo(first.equals(second));
    }

    @Property(tries = 500)
    void moving_text_from_one_field_to_the_next_changes_the_fingerprint(
            @ForAll("fieldText") String customer, @ForAll("fieldText") String moved, @ForAll("fieldText") String token) {
        PlaceOrder before = new PlaceOrder(customer + moved, List.of(new PlaceOrder.Line("SKU-0001", 1)), token);
        PlaceOrder after = new PlaceOrder(customer, List.of(new PlaceOrder.Line("SKU-0001", 1)), moved + token);

        assertThat(SameKeyMeansSameRequest.sameRequest(SameKeyMeansSameRequest.fingerprint(before), after))
                .as("%s and %s", before, after).isEqualTo(moved.isEmpty());
    }

    @Property(tries = 500)
    void the_same_request_in_another_list_has_the_same_fingerprint(@ForAll("requests") PlaceOrder request) {
        PlaceOrder copy = new PlaceOrder(request.customerId(), new ArrayList<>(request.lines()), request.paymentToken());

        assertThat(SameKeyMeansSameRequest.sameRequest(SameKeyMeansSameRequest.fingerprint(request), copy)).isTrue();
    }

    @Provide
    Arbitrary<String> fieldText() {
        return Arbitraries.strings().withChars("ab1:;|,").ofMaxLength(4);
    }

    @Provide
    Arbitrary<PlaceOrder> requests() {
        Arbitrary<PlaceOrder.Line> line = Combinators.combine(
                Arbitraries.strings().withChars("S1:;").ofMinLength(1).ofMaxLength(3), Arbitraries.integers().between(1, 12))
                .as(PlaceOrder.Line::new);
        return Combinators.combine(fieldText(), line.list().ofMinSize(1).ofMaxSize(3), fieldText()).as(PlaceOrder::new);
    }
}
