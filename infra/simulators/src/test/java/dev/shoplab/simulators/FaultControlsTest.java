package dev.shoplab.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class FaultControlsTest extends SimulatorsTestSupport {

    /** The hang limit of the test profile (application.properties). */
    static final Duration HANG_LIMIT = Duration.ofSeconds(2);

    @Test
    void latency_delays_every_answer_until_it_is_lifted() {
        setFaults("psp", "{\"latencyMs\":1000}");
        long slow = millisToCharge();
        clearFaults("psp");
        long fast = millisToCharge();

        assertThat(slow).isGreaterThanOrEqualTo(1000);
        assertThat(fast).as("a charge without the delay, even on a busy machine").isLessThan(1000);
    }

    @Test
    void error_rate_one_fails_every_request_and_processes_none() {
        setFaults("psp", "{\"errorRate\":1.0}");
        for (int i = 0; i < 5; i++) {
            Http.Reply reply = http.post(psp + "/psp/charges", charge(100, "tok_ok", "err-" + i));
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.contentType()).isEqualTo(PROBLEM_JSON);
            assertThat(reply.text("type")).isEqualTo(PROBLEMS + "injected-error");
        }
        assertThat(pspLedger().getList("charges")).isEmpty();
        assertThat(stats().getLong("psp.injectedErrors")).isEqualTo(5);
        assertThat(stats().getLong("psp.requests")).isEqualTo(5);
        assertThat(stats().getLong("psp.captured")).isZero();

        clearFaults("psp");

        assertThat(http.post(psp + "/psp/charges", charge(100, "tok_ok", "err-0")).status()).isEqualTo(201);
    }

    @Test
    void timeout_rate_one_captures_the_charge_but_loses_the_answer() {
        setFaults("psp", "{\"timeoutRate\":1.0}");

        assertThatThrownBy(() -> http.postAsync(psp + "/psp/charges", charge(400, "tok_ok", "lost-1"),
                Duration.ofMillis(500)).join())
                .hasCauseInstanceOf(HttpTimeoutException.class);
        // the 500 ms are the client's: the simulator may still be recording the charge it will never answer
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(pspLedger().getList("charges.idempotencyKey")).containsExactly("lost-1");
            assertThat(stats().getLong("psp.captured")).isEqualTo(1);
            assertThat(stats().getLong("psp.injectedTimeouts")).isEqualTo(1);
        });

        clearFaults("psp");
        Http.Reply retry = http.post(psp + "/psp/charges", charge(400, "tok_ok", "lost-1"));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.replayed()).isEqualTo("true");
        assertThat(pspLedger().getList("charges")).hasSize(1);
    }

    @Test
    void a_held_request_is_closed_when_the_hang_limit_passes() {
        setFaults("mail", "{\"timeoutRate\":1.0}");
        long started = System.nanoTime();

        assertThatThrownBy(() -> http.postAsync(mail + "/mail/messages",
                "{\"orderId\":\"o\",\"to\":\"a@b.c\",\"kind\":\"K\"}", Duration.ofSeconds(15)).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IOException.class)
                .cause().isNotInstanceOf(HttpTimeoutException.class);
        Duration held = Duration.ofNanos(System.nanoTime() - started);

        assertThat(held).isBetween(HANG_LIMIT.minusMillis(100), Duration.ofSeconds(14));
        assertThat(mailLedger().getList("messages")).hasSize(1);
        assertThat(stats().getLong("mail.injectedTimeouts")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"psp", "mail"})
    void down_refuses_connections_and_up_answers_again_on_the_same_port(String target) {
        String url = "psp".equals(target) ? psp + "/psp/charges" : mail + "/mail/messages";
        String body = "psp".equals(target) ? charge(100, "tok_ok", null)
                : "{\"orderId\":\"o\",\"to\":\"a@b.c\",\"kind\":\"K\"}";
        setFaults(target, "{\"down\":true}");

        assertThatThrownBy(() -> new Http().postAsync(url, body, Duration.ofSeconds(5)).join())
                .hasCauseInstanceOf(ConnectException.class);
        admin().get("/admin/faults/" + target).then().body("down", equalTo(true));

        clearFaults(target);

        assertThat(new Http().postAsync(url, body, Duration.ofSeconds(5)).join().status()).isBetween(201, 202);
        admin().get("/admin/endpoints").then().body(target, equalTo("psp".equals(target) ? psp : mail));
    }

    @Test
    void a_request_waiting_out_its_latency_when_the_provider_goes_down_is_dropped_even_if_it_comes_back_first() {
        setFaults("psp", "{\"latencyMs\":2000}");
        CompletableFuture<Http.Reply> dropped = http.postAsync(psp + "/psp/charges", charge(100, "tok_ok", "dropped-1"),
                Duration.ofSeconds(15));
        await("the charge reached the PSP").atMost(Duration.ofSeconds(10))
                .until(() -> stats().getLong("psp.chargeRequests") == 1);

        setFaults("psp", "{\"down\":true}");
        assertThatThrownBy(dropped::join).hasCauseInstanceOf(IOException.class);
        // back up, with a longer latency, well before the dropped request's 2 s have passed: the marker's timer
        // is set later and runs longer, so once the marker is recorded the dropped request's time has come too
        setFaults("psp", "{\"latencyMs\":3000}");
        assertThat(new Http().postAsync(psp + "/psp/charges", charge(100, "tok_ok", "marker-1"),
                Duration.ofSeconds(15)).join().status()).isEqualTo(201);

        assertThat(pspLedger().getList("charges.idempotencyKey")).as("the dropped charge was never handled")
                .containsExactly("marker-1");
    }

    @Test
    void reports_the_faults_in_force_and_forgets_them_on_delete() {
        setFaults("mail", "{\"latencyMs\":10,\"jitterMs\":5,\"errorRate\":0.25,\"timeoutRate\":0.5}");

        admin().get("/admin/faults/mail").then().statusCode(200)
                .body("latencyMs", equalTo(10)).body("jitterMs", equalTo(5))
                .body("errorRate", equalTo(0.25f)).body("timeoutRate", equalTo(0.5f)).body("down", equalTo(false));
        admin().get("/admin/faults/psp").then().body("errorRate", equalTo(0.0f));

        admin().delete("/admin/faults/mail").then().statusCode(200).body("latencyMs", equalTo(0));
        admin().get("/admin/faults/mail").then().body("errorRate", equalTo(0.0f)).body("timeoutRate", equalTo(0.0f));
    }

    @Test
    void rejects_settings_out_of_range_and_unknown_targets() {
        for (String bad : new String[] {"{\"errorRate\":1.5}", "{\"latencyMs\":-1}", "{\"down\":\"yes\"}",
                "{\"errorRate\":0.6,\"timeoutRate\":0.6}", "{\"jitterMs\":0.5}"}) {
            admin().contentType("application/json").body(bad).put("/admin/faults/psp").then()
                    .statusCode(400).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "invalid-request"));
        }
        admin().get("/admin/faults/psp").then().body("errorRate", equalTo(0.0f));
        admin().get("/admin/faults/bank").then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEMS + "unknown-fault-target"));
    }

    private long millisToCharge() {
        long started = System.nanoTime();
        assertThat(http.post(psp + "/psp/charges", charge(100, "tok_ok", null)).status()).isEqualTo(201);
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
