package dev.shoplab.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PspChargesTest extends SimulatorsTestSupport {

    @Test
    void captures_charge_with_ok_token() {
        Http.Reply reply = http.post(psp + "/psp/charges",
                "{\"amountCents\":1250,\"token\":\"tok_ok\",\"idempotencyKey\":\"order-1\",\"reference\":\"o-1\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.text("chargeId")).startsWith("ch_");
        assertThat(reply.text("status")).isEqualTo("captured");
        assertThat(reply.json().path("amountCents").asLong()).isEqualTo(1250);
        assertThat(reply.text("idempotencyKey")).isEqualTo("order-1");
        assertThat(reply.text("reference")).isEqualTo("o-1");
        assertThat(reply.text("createdAt")).isNotBlank();
        assertThat(reply.json().has("declineCode")).isFalse();
        assertThat(reply.replayed()).isNull();
        assertThat(stats().getLong("psp.captured")).isEqualTo(1);
    }

    @Test
    void declines_charge_with_decline_token_as_payment_required() {
        Http.Reply reply = http.post(psp + "/psp/charges", charge(990, "tok_decline", "order-2"));

        assertThat(reply.status()).isEqualTo(402);
        assertThat(reply.text("status")).isEqualTo("declined");
        assertThat(reply.text("declineCode")).isEqualTo("card_declined");
        JsonPath stats = stats();
        assertThat(stats.getLong("psp.declined")).isEqualTo(1);
        assertThat(stats.getLong("psp.captured")).isZero();
        assertThat(pspLedger().getList("charges.status")).containsExactly("declined");
    }

    @Test
    void repeated_key_returns_the_first_answer_and_captures_once() {
        Http.Reply first = http.post(psp + "/psp/charges", charge(500, "tok_ok", "order-3"));
        Http.Reply again = http.post(psp + "/psp/charges", charge(500, "tok_ok", "order-3"));

        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(pspLedger().getList("charges")).hasSize(1);
        assertThat(stats().getLong("psp.captured")).isEqualTo(1);
        assertThat(stats().getLong("psp.replayed")).isEqualTo(1);
    }

    @Test
    void repeated_key_replays_a_decline_with_its_status() {
        Http.Reply first = http.post(psp + "/psp/charges", charge(500, "tok_decline", "order-4"));
        Http.Reply again = http.post(psp + "/psp/charges", charge(500, "tok_decline", "order-4"));

        assertThat(again.status()).isEqualTo(402);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.replayed()).isEqualTo("true");
    }

    @Test
    void twenty_concurrent_requests_with_one_key_capture_once() {
        List<CompletableFuture<Http.Reply>> replies = IntStream.range(0, 20)
                .mapToObj(i -> http.postAsync(psp + "/psp/charges", charge(700, "tok_ok", "order-race"),
                        Http.DEFAULT_TIMEOUT))
                .toList();
        List<Http.Reply> answers = replies.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Http.Reply::status).containsOnly(201);
        assertThat(answers).extracting(reply -> reply.text("chargeId")).containsOnly(answers.get(0).text("chargeId"));
        assertThat(answers).filteredOn(reply -> "true".equals(reply.replayed())).hasSize(19);
        assertThat(pspLedger().getList("charges")).hasSize(1);
        assertThat(stats().getLong("psp.captured")).isEqualTo(1);
        assertThat(stats().getLong("psp.chargeRequests")).isEqualTo(20);
    }

    @Test
    void rejects_reused_key_with_another_amount_or_token() {
        http.post(psp + "/psp/charges", charge(500, "tok_ok", "order-5"));

        Http.Reply otherAmount = http.post(psp + "/psp/charges", charge(501, "tok_ok", "order-5"));
        Http.Reply otherToken = http.post(psp + "/psp/charges", charge(500, "tok_decline", "order-5"));

        for (Http.Reply reply : List.of(otherAmount, otherToken)) {
            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.contentType()).isEqualTo(PROBLEM_JSON);
            assertThat(reply.text("type")).isEqualTo(PROBLEMS + "idempotency-key-reused");
            assertThat(reply.text("detail")).contains("order-5");
        }
        assertThat(pspLedger().getList("charges")).hasSize(1);
    }

    @Test
    void takes_the_key_from_the_header_and_rejects_a_header_that_contradicts_the_body() {
        Http.Reply first = http.post(psp + "/psp/charges", charge(300, "tok_ok", null), "Idempotency-Key", "hdr-1");
        Http.Reply again = http.post(psp + "/psp/charges", charge(300, "tok_ok", "hdr-1"), "Idempotency-Key", "hdr-1");
        Http.Reply contradicting = http.post(psp + "/psp/charges", charge(300, "tok_ok", "hdr-1"),
                "Idempotency-Key", "hdr-2");

        assertThat(first.text("idempotencyKey")).isEqualTo("hdr-1");
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.text("chargeId")).isEqualTo(first.text("chargeId"));
        assertThat(contradicting.status()).isEqualTo(400);
        assertThat(contradicting.text("detail")).contains("idempotencyKey").contains("Idempotency-Key");
    }

    @Test
    void every_request_without_a_key_is_a_new_charge() {
        Http.Reply first = http.post(psp + "/psp/charges", charge(100, "tok_ok", null));
        Http.Reply second = http.post(psp + "/psp/charges", charge(100, "tok_ok", null));

        assertThat(second.text("chargeId")).isNotEqualTo(first.text("chargeId"));
        assertThat(pspLedger().getList("charges")).hasSize(2);
        assertThat(stats().getLong("psp.captured")).isEqualTo(2);
    }

    @Test
    void finds_a_charge_by_its_key_or_its_id_for_reconciliation() {
        Http.Reply charged = http.post(psp + "/psp/charges", charge(800, "tok_ok", "order-6"));

        Http.Reply byKey = http.get(psp + "/psp/charges?idempotencyKey=order-6");
        Http.Reply byId = http.get(psp + "/psp/charges/" + charged.text("chargeId"));

        for (Http.Reply reply : List.of(byKey, byId)) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text("chargeId")).isEqualTo(charged.text("chargeId"));
            assertThat(reply.text("status")).isEqualTo("captured");
            assertThat(reply.json().path("refundedCents").asLong()).isZero();
        }
    }

    @Test
    void answers_not_found_for_an_unknown_key_or_id() {
        Http.Reply byKey = http.get(psp + "/psp/charges?idempotencyKey=never-used");
        Http.Reply byId = http.get(psp + "/psp/charges/ch_unknown");

        for (Http.Reply reply : List.of(byKey, byId)) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).isEqualTo(PROBLEM_JSON);
            assertThat(reply.text("type")).isEqualTo(PROBLEMS + "charge-not-found");
        }
    }
}
