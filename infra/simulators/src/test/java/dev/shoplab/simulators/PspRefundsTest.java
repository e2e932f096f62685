package dev.shoplab.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PspRefundsTest extends SimulatorsTestSupport {

    String chargeId;

    @BeforeEach
    void captureOneThousandCents() {
        chargeId = http.post(psp + "/psp/charges", charge(1000, "tok_ok", "order-r")).text("chargeId");
    }

    @Test
    void refunds_part_then_the_remainder_by_default() {
        Http.Reply partial = http.post(psp + "/psp/refunds", "{\"chargeId\":\"" + chargeId + "\",\"amountCents\":300}");
        Http.Reply rest = http.post(psp + "/psp/refunds", "{\"chargeId\":\"" + chargeId + "\"}");

        assertThat(partial.status()).isEqualTo(201);
        assertThat(partial.text("refundId")).startsWith("re_");
        assertThat(partial.text("chargeId")).isEqualTo(chargeId);
        assertThat(partial.json().path("amountCents").asLong()).isEqualTo(300);
        assertThat(partial.text("createdAt")).isNotBlank();
        assertThat(rest.status()).isEqualTo(201);
        assertThat(rest.json().path("amountCents").asLong()).isEqualTo(700);
        assertThat(http.get(psp + "/psp/charges/" + chargeId).json().path("refundedCents").asLong()).isEqualTo(1000);
        assertThat(pspLedger().getList("refunds.amountCents", Long.class)).containsExactly(300L, 700L);
        assertThat(pspLedger().getLong("charges[0].refundedCents")).isEqualTo(1000);
        assertThat(stats().getLong("psp.refunds")).isEqualTo(2);
    }

    @Test
    void rejects_a_refund_larger_than_what_remains() {
        http.post(psp + "/psp/refunds", "{\"chargeId\":\"" + chargeId + "\",\"amountCents\":600}");

        Http.Reply tooMuch = http.post(psp + "/psp/refunds", "{\"chargeId\":\"" + chargeId + "\",\"amountCents\":401}");

        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.contentType()).isEqualTo(PROBLEM_JSON);
        assertThat(tooMuch.text("type")).isEqualTo(PROBLEMS + "refund-rejected");
        assertThat(tooMuch.text("detail")).contains("400");
        assertThat(pspLedger().getList("refunds")).hasSize(1);
    }

    @Test
    void rejects_a_refund_of_a_fully_refunded_charge() {
        http.post(psp + "/psp/refunds", "{\"chargeId\":\"" + chargeId + "\"}");

        Http.Reply again = http.post(psp + "/psp/refunds", "{\"chargeId\":\"" + chargeId + "\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).contains("fully refunded");
    }

    @Test
    void rejects_a_refund_of_an_unknown_charge() {
        Http.Reply reply = http.post(psp + "/psp/refunds", "{\"chargeId\":\"ch_nope\"}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text("type")).isEqualTo(PROBLEMS + "charge-not-found");
        assertThat(reply.text("detail")).contains("ch_nope");
    }

    @Test
    void rejects_a_refund_of_a_declined_charge() {
        String declined = http.post(psp + "/psp/charges", charge(1000, "tok_decline", null)).text("chargeId");

        Http.Reply reply = http.post(psp + "/psp/refunds", "{\"chargeId\":\"" + declined + "\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("detail")).contains("declined");
    }

    @Test
    void repeated_refund_key_returns_the_first_refund_and_refunds_once() {
        String body = "{\"chargeId\":\"" + chargeId + "\",\"amountCents\":250,\"idempotencyKey\":\"refund-1\"}";
        Http.Reply first = http.post(psp + "/psp/refunds", body);
        Http.Reply again = http.post(psp + "/psp/refunds", body);
        Http.Reply otherAmount = http.post(psp + "/psp/refunds",
                "{\"chargeId\":\"" + chargeId + "\",\"amountCents\":251,\"idempotencyKey\":\"refund-1\"}");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.text("type")).isEqualTo(PROBLEMS + "idempotency-key-reused");
        assertThat(pspLedger().getList("refunds")).hasSize(1);
        assertThat(http.get(psp + "/psp/charges/" + chargeId).json().path("refundedCents").asLong()).isEqualTo(250);
    }
}
