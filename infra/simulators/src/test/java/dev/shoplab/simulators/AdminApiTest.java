package dev.shoplab.simulators;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class AdminApiTest extends SimulatorsTestSupport {

    @Test
    void lists_where_each_provider_and_the_admin_api_listen() {
        admin().get("/admin/endpoints").then().statusCode(200)
                .body("psp", startsWith("http://127.0.0.1:"))
                .body("mail", startsWith("http://127.0.0.1:"))
                .body("admin", startsWith("http://127.0.0.1:"));
        assertThat(psp).isNotEqualTo(mail);
    }

    @Test
    void counts_every_request_that_reaches_a_provider() {
        http.post(psp + "/psp/charges", charge(100, "tok_ok", "k-1"));
        http.post(psp + "/psp/charges", charge(100, "tok_ok", "k-1"));
        http.post(psp + "/psp/charges", charge(100, "tok_decline", null));
        String chargeId = http.post(psp + "/psp/charges", charge(100, "tok_ok", null)).text("chargeId");
        http.post(psp + "/psp/refunds", "{\"chargeId\":\"" + chargeId + "\"}");
        http.get(psp + "/psp/charges/" + chargeId);
        http.post(mail + "/mail/messages", "{\"orderId\":\"o\",\"to\":\"a@b.c\",\"kind\":\"K\"}");

        JsonPath stats = stats();

        assertThat(stats.getLong("psp.requests")).isEqualTo(6);
        assertThat(stats.getLong("psp.chargeRequests")).isEqualTo(4);
        assertThat(stats.getLong("psp.refundRequests")).isEqualTo(1);
        assertThat(stats.getLong("psp.captured")).isEqualTo(2);
        assertThat(stats.getLong("psp.declined")).isEqualTo(1);
        assertThat(stats.getLong("psp.refunds")).isEqualTo(1);
        assertThat(stats.getLong("psp.replayed")).isEqualTo(1);
        assertThat(stats.getLong("psp.injectedErrors")).isZero();
        assertThat(stats.getLong("psp.injectedTimeouts")).isZero();
        assertThat(stats.getLong("mail.requests")).isEqualTo(1);
        assertThat(stats.getLong("mail.accepted")).isEqualTo(1);
        assertThat(stats.getLong("mail.duplicatesSuppressed")).isZero();
    }

    @Test
    void the_ledger_shows_every_charge_field_the_audit_reads() {
        http.post(psp + "/psp/charges",
                "{\"amountCents\":1200,\"token\":\"tok_ok\",\"idempotencyKey\":\"k-2\",\"reference\":\"order-9\"}");

        JsonPath ledger = pspLedger();

        assertThat(ledger.getString("charges[0].chargeId")).startsWith("ch_");
        assertThat(ledger.getString("charges[0].idempotencyKey")).isEqualTo("k-2");
        assertThat(ledger.getString("charges[0].reference")).isEqualTo("order-9");
        assertThat(ledger.getLong("charges[0].amountCents")).isEqualTo(1200);
        assertThat(ledger.getString("charges[0].status")).isEqualTo("captured");
        assertThat(ledger.getLong("charges[0].refundedCents")).isZero();
        assertThat(ledger.getString("charges[0].createdAt")).isNotBlank();
        assertThat(ledger.getList("refunds")).isEmpty();
    }

    @Test
    void reset_clears_ledgers_stats_and_faults() {
        http.post(psp + "/psp/charges", charge(100, "tok_ok", "k-3"));
        http.post(mail + "/mail/messages", "{\"orderId\":\"o\",\"to\":\"a@b.c\",\"kind\":\"K\"}");
        setFaults("psp", "{\"latencyMs\":50,\"down\":true}");
        setFaults("mail", "{\"errorRate\":1}");

        admin().post("/admin/reset").then().statusCode(204);

        assertThat(pspLedger().getList("charges")).isEmpty();
        assertThat(mailLedger().getList("messages")).isEmpty();
        assertThat(stats().getLong("psp.requests")).isZero();
        assertThat(stats().getLong("mail.accepted")).isZero();
        admin().get("/admin/faults/psp").then().body("down", equalTo(false)).body("latencyMs", equalTo(0));
        admin().get("/admin/faults/mail").then().body("errorRate", equalTo(0.0f));
        Http.Reply again = http.post(psp + "/psp/charges", charge(100, "tok_ok", "k-3"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.replayed()).isNull();
    }

    @Test
    void exposes_the_counts_as_prometheus_metrics() {
        http.post(psp + "/psp/charges", charge(100, "tok_ok", null));

        admin().get("/q/metrics").then().statusCode(200)
                .body(containsString("shoplab_simulator_events_total{event=\"captured\",provider=\"psp\"} 1.0"))
                .body(containsString("shoplab_simulator_up{provider=\"mail\"} 1.0"));
    }

    @Test
    void is_ready_once_both_providers_listen() {
        admin().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.psp", equalTo(psp))
                .body("checks[0].data.mailListening", equalTo(true));
    }

    @ParameterizedTest
    @CsvSource({"GET,/admin/endpoints", "GET,/admin/stats", "GET,/admin/psp/ledger", "GET,/admin/mail/ledger",
            "GET,/admin/faults/psp", "PUT,/admin/faults/psp", "DELETE,/admin/faults/mail", "POST,/admin/reset",
            "GET,/admin/nothing"})
    void every_admin_endpoint_answers_401_without_the_control_token_or_with_another(String method, String path) {
        for (String authorization : new String[] {null, "", "Bearer wrong-token", TOKEN,
                CONTROL_TOKEN + "x", "Basic c2ltdWxhdG9ycy10ZXN0LXRva2Vu"}) {
            var request = given().contentType("application/json").body("{\"errorRate\":1.0}");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            request.request(method, path).then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("type", equalTo(PROBLEMS + "unauthorized"))
                    .body("detail", containsString(authorization == null || authorization.isEmpty()
                            ? "Authorization: Bearer" : "does not carry"));
        }
    }

    @Test
    void takes_the_token_whatever_the_case_of_its_scheme() {
        // RFC 9110 §11.1: the authentication scheme is case-insensitive; the token itself is not
        for (String scheme : new String[] {"bearer", "BEARER", "bEaReR"}) {
            given().header("Authorization", scheme + " " + TOKEN).get("/admin/stats").then().statusCode(200);
        }
        given().header("Authorization", "Bearer " + TOKEN.toUpperCase(Locale.ROOT)).get("/admin/stats")
                .then().statusCode(401);
    }

    @Test
    void a_refused_call_changes_nothing() {
        http.post(psp + "/psp/charges", charge(100, "tok_ok", "k-kept"));

        given().contentType("application/json").body("{\"errorRate\":1.0}").put("/admin/faults/psp")
                .then().statusCode(401);
        given().post("/admin/reset").then().statusCode(401);

        admin().get("/admin/faults/psp").then().statusCode(200).body("errorRate", equalTo(0.0f));
        assertThat(pspLedger().getList("charges")).hasSize(1);
    }
}
