package dev.shoplab.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A charge the PSP has received and not yet handled — it still waits out its latency — is in progress: a lookup by
 * its idempotency key, or another charge with that key, answers {@code 409 charge-in-progress}, never the
 * {@code 404} that would tell a client "nothing was captured" while the charge is about to be (ADR 0022, the way
 * Stripe answers {@code 409 idempotency_key_in_use}). Latency is on the PSP only while the charge arrives: the
 * lookups and the second charge come after it is lifted, so they are answered at once.
 */
@QuarkusTest
class PspChargesInFlightTest extends SimulatorsTestSupport {

    /** Long enough for the lookups below to come and go while the charge waits, short enough for a test. */
    private static final Duration LATENCY = Duration.ofSeconds(4);

    @Test
    void a_lookup_of_a_charge_still_waiting_out_its_latency_answers_in_progress_then_the_captured_charge() {
        CompletableFuture<Http.Reply> slow = heldCharge("", 1200, "late-1", Duration.ofMillis(300));
        assertThatThrownBy(slow::join).as("the client gives up long before the PSP handles its charge")
                .hasCauseInstanceOf(HttpTimeoutException.class);
        clearFaults("psp");

        Http.Reply whileWaiting = http.get(psp + "/psp/charges?idempotencyKey=late-1");

        assertThat(whileWaiting.status()).as("lookup while the charge waits: %s", whileWaiting.json()).isEqualTo(409);
        assertThat(whileWaiting.contentType()).isEqualTo(PROBLEM_JSON);
        assertThat(whileWaiting.text("type")).isEqualTo(PROBLEMS + "charge-in-progress");
        assertThat(whileWaiting.text("detail")).contains("late-1");
        assertThat(pspLedger().getList("charges")).as("nothing recorded yet").isEmpty();

        await("the charge is handled once its latency has passed").atMost(LATENCY.plusSeconds(10))
                .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    Http.Reply handled = http.get(psp + "/psp/charges?idempotencyKey=late-1");
                    assertThat(handled.status()).as("lookup: %s", handled.json()).isEqualTo(200);
                    assertThat(handled.text("status")).isEqualTo("captured");
                    assertThat(handled.json().path("amountCents").asLong()).isEqualTo(1200);
                });
        assertThat(pspLedger().getList("charges")).hasSize(1);
        assertThat(stats().getLong("psp.captured")).isEqualTo(1);
    }

    @Test
    void a_second_charge_with_the_key_of_one_in_progress_answers_in_progress_and_the_first_captures_once() {
        CompletableFuture<Http.Reply> first = heldCharge("", 700, "late-2", LATENCY.plusSeconds(10));
        clearFaults("psp");

        Http.Reply retry = http.post(psp + "/psp/charges", charge(700, "tok_ok", "late-2"));

        assertThat(retry.status()).as("retry while the first waits: %s", retry.json()).isEqualTo(409);
        assertThat(retry.contentType()).isEqualTo(PROBLEM_JSON);
        assertThat(retry.text("type")).isEqualTo(PROBLEMS + "charge-in-progress");
        Http.Reply answered = first.join();
        assertThat(answered.status()).isEqualTo(201);
        assertThat(answered.replayed()).as("the first request made the charge").isNull();
        Http.Reply again = http.post(psp + "/psp/charges", charge(700, "tok_ok", "late-2"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.text("chargeId")).isEqualTo(answered.text("chargeId"));
        assertThat(pspLedger().getList("charges")).hasSize(1);
    }

    @Test
    void a_charge_that_was_never_handled_leaves_nothing_in_progress() {
        CompletableFuture<Http.Reply> failing = heldCharge(",\"errorRate\":1.0", 300, "late-3", LATENCY.plusSeconds(10));
        clearFaults("psp");
        assertThat(http.get(psp + "/psp/charges?idempotencyKey=late-3").status()).isEqualTo(409);

        assertThat(failing.join().status()).as("its fate was drawn when it arrived: an injected error").isEqualTo(503);

        Http.Reply after = http.get(psp + "/psp/charges?idempotencyKey=late-3");
        assertThat(after.status()).as("an injected error moved no money: %s", after.json()).isEqualTo(404);
        assertThat(after.text("type")).isEqualTo(PROBLEMS + "charge-not-found");
    }

    @Test
    void a_charge_dropped_when_the_psp_went_down_leaves_nothing_in_progress() {
        CompletableFuture<Http.Reply> dropped = heldCharge("", 300, "late-4", LATENCY.plusSeconds(10));
        setFaults("psp", "{\"down\":true}");
        assertThatThrownBy(dropped::join).as("a request waiting out its latency is dropped when the PSP goes down")
                .hasCauseInstanceOf(java.io.IOException.class);
        clearFaults("psp");

        Http.Reply after = new Http().get(psp + "/psp/charges?idempotencyKey=late-4");

        assertThat(after.status()).as("a dropped charge moved no money: %s", after.json()).isEqualTo(404);
        assertThat(pspLedger().getList("charges")).isEmpty();
    }

    /**
     * Slows the PSP by {@link #LATENCY} (plus {@code moreFaults}, JSON members after it), sends a {@code tok_ok} charge
     * of {@code amountCents} with key {@code key} that waits at most {@code clientTimeout} for its answer, and returns
     * once the PSP has received it (the fault stays on).
     */
    private CompletableFuture<Http.Reply> heldCharge(String moreFaults, long amountCents, String key,
                                                     Duration clientTimeout) {
        setFaults("psp", "{\"latencyMs\":" + LATENCY.toMillis() + moreFaults + "}");
        CompletableFuture<Http.Reply> sent = http.postAsync(psp + "/psp/charges", charge(amountCents, "tok_ok", key),
                clientTimeout);
        await("the charge reached the PSP").atMost(Duration.ofSeconds(10))
                .until(() -> stats().getLong("psp.chargeRequests") == 1);
        return sent;
    }
}
