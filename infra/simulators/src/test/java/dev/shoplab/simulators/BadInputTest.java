package dev.shoplab.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class BadInputTest extends SimulatorsTestSupport {

    /** Each JSON endpoint as "method path"; the path is relative to its port. */
    private String[] endpoint(String name) {
        return switch (name) {
            case "charges" -> new String[] {"POST", psp + "/psp/charges"};
            case "refunds" -> new String[] {"POST", psp + "/psp/refunds"};
            case "mail" -> new String[] {"POST", mail + "/mail/messages"};
            case "faults" -> new String[] {"PUT", admin + "/admin/faults/psp"};
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"charges", "refunds", "mail", "faults"})
    void malformed_json_is_a_bad_request(String name) {
        String[] endpoint = endpoint(name);

        Http.Reply reply = http.raw(endpoint[0], endpoint[1], "application/json", "{\"amountCents\": 1,");

        assertProblem(reply, 400, "invalid-request", "not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"charges", "refunds", "mail", "faults"})
    void a_body_that_is_not_an_object_is_a_bad_request(String name) {
        String[] endpoint = endpoint(name);

        assertProblem(http.raw(endpoint[0], endpoint[1], "application/json", "[1, 2]"),
                400, "invalid-request", "JSON object");
        assertProblem(http.raw(endpoint[0], endpoint[1], "application/json", ""),
                400, "invalid-request", "empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"charges", "refunds", "mail", "faults"})
    void another_content_type_is_unsupported(String name) {
        String[] endpoint = endpoint(name);

        assertProblem(http.raw(endpoint[0], endpoint[1], "text/plain", "{}"),
                415, "unsupported-media-type", "text/plain");
        assertProblem(http.raw(endpoint[0], endpoint[1], null, "{}"),
                415, "unsupported-media-type", "Content-Type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"charges", "refunds", "mail", "faults"})
    void a_body_over_64_kib_is_too_large(String name) {
        String[] endpoint = endpoint(name);
        String huge = "{\"padding\":\"" + "x".repeat(64 * 1024) + "\"}";

        assertProblem(http.raw(endpoint[0], endpoint[1], "application/json", huge),
                413, "payload-too-large", "65536");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "charges | {\"token\":\"tok_ok\"}                          | amountCents is required",
        "charges | {\"amountCents\":\"100\",\"token\":\"tok_ok\"}  | amountCents must be an integer, got a string",
        "charges | {\"amountCents\":1.5,\"token\":\"tok_ok\"}      | amountCents must be an integer, got the number 1.5",
        "charges | {\"amountCents\":0,\"token\":\"tok_ok\"}        | amountCents must be greater than 0",
        "charges | {\"amountCents\":-5,\"token\":\"tok_ok\"}       | amountCents must be greater than 0",
        "charges | {\"amountCents\":100}                           | token is required",
        "charges | {\"amountCents\":100,\"token\":\"tok_stolen\"}  | token must be tok_ok or tok_decline",
        "charges | {\"amountCents\":100,\"token\":7}              | token must be a string, got the number 7",
        "charges | {\"amountCents\":1,\"token\":\"tok_ok\",\"reference\":[]} | reference must be a string, got a array",
        "charges | {\"amountCents\":1,\"amountCents\":2,\"token\":\"tok_ok\"} | Duplicate field 'amountCents'",
        "refunds | {}                                              | chargeId is required",
        "refunds | {\"chargeId\":\"ch_1\",\"amountCents\":-1}      | amountCents must be greater than 0",
        "refunds | {\"chargeId\":\"\"}                            | chargeId must not be blank",
        "mail    | {\"to\":\"a@b.c\",\"kind\":\"K\"}               | orderId is required",
        "mail    | {\"orderId\":\"o\",\"kind\":\"K\"}              | to is required",
        "mail    | {\"orderId\":\"o\",\"to\":\"a@b.c\",\"kind\":true} | kind must be a string, got a boolean",
        "faults  | {\"timeoutRate\":\"half\"}                      | timeoutRate must be a number between 0 and 1",
    })
    void a_missing_or_mistyped_field_is_named_in_the_problem(String name, String body, String detail) {
        String[] endpoint = endpoint(name);

        assertProblem(http.raw(endpoint[0], endpoint[1], "application/json", body), 400, "invalid-request", detail);
    }

    @Test
    void a_lookup_without_a_key_is_a_bad_request() {
        assertProblem(http.get(psp + "/psp/charges"), 400, "invalid-request", "idempotencyKey");
    }

    @Test
    void unknown_paths_are_not_found_problems_on_every_port() {
        assertProblem(http.get(psp + "/psp/payouts"), 404, "not-found", "/psp/payouts");
        assertProblem(http.get(mail + "/mail/inbox"), 404, "not-found", "/mail/inbox");
        assertProblem(http.get(admin + "/admin/nothing"), 404, "not-found", "/admin/nothing");
        assertProblem(http.get(admin + "/nothing"), 404, "not-found", "/nothing");
        assertProblem(http.get(admin + "/q/nothing"), 404, "not-found", "/q/nothing");
    }

    /**
     * What the HTTP layer refuses before an endpoint sees it is the client's mistake too: a query's malformed escape,
     * an HTTP/1.1 request without Host (they were 500 internal-error, and a mesh in front retried and ejected them).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET /psp/charges?idempotencyKey=%zz HTTP/1.1 CRLF Host: HOST CRLF | the request could not be read",
            "GET /psp/charges/ch_1 HTTP/1.1 CRLF | needs a Host header"})
    void what_the_http_layer_refuses_is_a_bad_request_problem(String head, String detail) throws Exception {
        URI base = URI.create(psp);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String request = head.replace(" CRLF ", "\r\n").replace(" CRLF", "\r\n").replace("HOST", base.getAuthority())
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400 ").containsIgnoringCase("content-type: " + PROBLEM_JSON)
                    .contains(PROBLEMS + "invalid-request").contains(detail);
        }
    }

    @Test
    void two_idempotency_key_headers_are_a_bad_request_and_charge_nothing() {
        io.restassured.response.Response answer = io.restassured.RestAssured.given().baseUri(psp)
                .contentType("application/json").header("Idempotency-Key", "k-1").header("Idempotency-Key", "k-2")
                .body("{\"amountCents\": 700, \"token\": \"tok_ok\"}").post("/psp/charges");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(PROBLEM_JSON);
        assertThat(answer.jsonPath().getString("detail")).contains("send one Idempotency-Key header, not 2");
        assertThat(pspLedger().getList("charges")).isEmpty();
    }

    @Test
    void bad_input_writes_nothing() {
        http.raw("POST", psp + "/psp/charges", "application/json", "{\"amountCents\":0,\"token\":\"tok_ok\"}");
        http.raw("POST", mail + "/mail/messages", "application/json", "{\"orderId\":\"o\"}");

        assertThat(pspLedger().getList("charges")).isEmpty();
        assertThat(mailLedger().getList("messages")).isEmpty();
    }

    private static void assertProblem(Http.Reply reply, int status, String kind, String detail) {
        assertThat(reply.status()).as("status of %s", reply.json()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo(PROBLEM_JSON);
        assertThat(reply.text("type")).isEqualTo(PROBLEMS + kind);
        assertThat(reply.text("title")).isNotBlank();
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.text("detail")).contains(detail);
    }
}
