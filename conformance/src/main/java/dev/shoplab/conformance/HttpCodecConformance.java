package dev.shoplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests that go wrong below any endpoint — in the HTTP framing, the request target, the header block — sent
 * over a plain socket as a hostile client sends them: each gets the same status on every architecture, as an
 * {@code application/problem+json} of a stable type wherever the edge sees the request
 * (docs/adr/0013-errors-below-the-edge.md), and changes nothing. What the HTTP codec refuses before the edge
 * sees it is pinned by status alone. SKU-0202 belongs to this class.
 */
public abstract class HttpCodecConformance extends ConformanceSupport {

    static final String SKU = "SKU-0202";
    static final int STOCK = 20;
    private static final String CATALOGUE_CHANGE = "{\"items\": [{\"sku\": \"" + SKU + "\", \"priceCents\": 1, \"available\": 0}]}";

    @BeforeEach
    void seedTheSkuThatMustStayUntouched() {
        client().seed(Map.of(SKU, STOCK));
    }

    /** One answer to {@code request}, without waiting to see whether the shop keeps the connection open. */
    private Answer send(String request) {
        return RawHttp.answer(shop().baseUrl(), request);
    }

    /** One answer to {@code request}, and whether the shop closed the connection after it. */
    private RawHttp.Exchange sendAndAwaitClose(String request) {
        return RawHttp.exchange(shop().baseUrl(), request);
    }

    private String host() {
        return "Host: " + shop().baseUrl().replaceFirst("^https?://", "") + "\r\n";
    }

    static Stream<Arguments> requestsTheEdgeAnswers() {
        String get = "GET /api/inventory/" + SKU + " HTTP/1.1\r\n";
        return Stream.of(
                Arguments.of("an HTTP/1.1 request without Host", get + "\r\n", 400, "malformed-request"),
                Arguments.of("two Host headers", get + "HOST" + "HOST" + "\r\n", 400, "malformed-request"),
                Arguments.of("the asterisk form on GET", "GET * HTTP/1.1\r\nHOST\r\n", 404, "not-found"),
                Arguments.of("a target that is not a path", "GET api/inventory/" + SKU + " HTTP/1.1\r\nHOST\r\n", 404,
                        "not-found"),
                Arguments.of("a path of 5000 characters", "GET /api/orders/" + "a".repeat(5000) + " HTTP/1.1\r\nHOST\r\n",
                        414, "uri-too-long"),
                Arguments.of("a query of 20,000 characters", "GET /api/inventory/" + SKU + "?q=" + "a".repeat(20_000)
                        + " HTTP/1.1\r\nHOST\r\n", 414, "uri-too-long"),
                Arguments.of("a header block of 40 KB", get + "HOST" + "X-Padding: " + "a".repeat(40_000) + "\r\n\r\n",
                        431, "headers-too-large"),
                Arguments.of("a hundred headers of 500 bytes", get + "HOST" + manyHeaders(100, 500) + "\r\n", 431, "headers-too-large"),
                Arguments.of("an empty chunked body", "POST /api/orders HTTP/1.1\r\nHOST"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
                        "malformed-request"),
                Arguments.of("a body with neither Content-Length nor Transfer-Encoding", "POST /api/orders HTTP/1.1\r\nHOST"
                        + "Content-Type: application/json\r\nConnection: close\r\n\r\n", 400, "malformed-request"),
                // RFC 9112 §6.1: a transfer coding the edge does not read must not be skipped over (smuggling)
                Arguments.of("a transfer coding other than chunked", "POST /api/orders HTTP/1.1\r\nHOST"
                        + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}",
                        400, "malformed-request"),
                Arguments.of("chunked, then gzip on a second line", "POST /api/orders HTTP/1.1\r\nHOST"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n"
                        + "2\r\n{}\r\n0\r\n\r\n", 400, "malformed-request"),
                Arguments.of("chunked in an HTTP/1.0 request", "POST /api/orders HTTP/1.0\r\nHOST"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                        400, "malformed-request"),
                Arguments.of("a content coding", "POST /api/orders HTTP/1.1\r\nHOST" + "Content-Type: application/json"
                        + "\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", 415,
                        "unsupported-media-type"),
                Arguments.of("identity, then gzip on a second line", "POST /api/orders HTTP/1.1\r\nHOST"
                        + "Content-Type: application/json\r\nContent-Encoding: identity\r\nContent-Encoding: gzip\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}", 415, "unsupported-media-type"));
    }

    private static String manyHeaders(int count, int size) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-Padding-").append(i).append(": ").append("a".repeat(size)).append("\r\n");
        }
        return headers.toString();
    }

    @ParameterizedTest(name = "{0} gets a {2} {3} problem")
    @MethodSource("requestsTheEdgeAnswers")
    void answers_what_goes_wrong_below_the_endpoints_with_a_problem(String what, String request, int status,
                                                                    String kind) {
        Answer answer = send(request.replace("HOST", host()));

        assertProblem(answer, status, kind);
        assertStock(SKU, STOCK, 0);
    }

    @Test
    void a_method_the_path_does_not_take_without_a_body_is_a_405_before_an_empty_body() {
        // what curl -X PUT sends: neither Content-Length nor Transfer-Encoding, nor Content-Type
        Answer answer = send("PUT /api/orders HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");

        assertProblem(answer, 405, "method-not-allowed", "PUT");
        assertThat(answer.allow()).as("the Allow header of %s (RFC 9110 §15.5.6)", answer).hasValue("POST");
        assertStock(SKU, STOCK, 0);
    }

    @ParameterizedTest(name = "PUT {0} without the control token is a 401")
    @ValueSource(strings = {"/admin/catalogue", "/api/../admin/catalogue", "/api/%2e%2e/admin/catalogue",
            "//admin/catalogue", "/./admin/catalogue", "/api/orders/../../admin/catalogue"})
    void guards_the_admin_api_on_the_path_the_router_resolves(String path) {
        String request = "PUT " + path + " HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\nContent-Length: "
                + CATALOGUE_CHANGE.length() + "\r\n\r\n" + CATALOGUE_CHANGE;

        Answer answer = RawHttp.answer(shop().catalogueAdminUrl(), request);

        assertProblem(answer, 401, "unauthorized", "control token");
        assertStock(SKU, STOCK, 0);
    }

    @Test
    void answers_a_request_with_content_length_and_transfer_encoding_by_its_chunks_then_closes_the_connection() {
        // RFC 9112 §6.1: Transfer-Encoding overrides Content-Length; the connection must be closed after the answer
        String request = "POST /api/orders HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n"
                + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
                + "GET /api/inventory/" + SKU + " HTTP/1.1\r\n" + host() + "\r\n";

        RawHttp.Exchange exchange = sendAndAwaitClose(request);

        assertProblem(exchange.answer(), 422, "validation", "customerId");
        assertThat(exchange.closed()).as("the connection is closed after %s", exchange.answer()).isTrue();
        assertStock(SKU, STOCK, 0);
    }

    /**
     * What the codec refuses before the edge sees it: a bare answer (Quarkus 3.32 exposes no hook for it), but the
     * same status on every architecture, and the connection closed.
     */
    @ParameterizedTest(name = "{0} is refused by the codec with {2}")
    @MethodSource("requestsTheCodecRefuses")
    void refuses_what_the_codec_cannot_parse_with_the_same_status_everywhere(String what, String request, int status) {
        RawHttp.Exchange exchange = sendAndAwaitClose(request.replace("HOST", host()));

        assertThat(exchange.answer().status()).as("status of %s", exchange.answer()).isEqualTo(status);
        assertThat(exchange.closed()).as("the connection is closed after %s", exchange.answer()).isTrue();
        assertStock(SKU, STOCK, 0);
    }

    /**
     * A target that is no URI (RFC 3986) — a {@code %} escaping nothing, a brace — is refused by Quarkus's root
     * handler ({@code java.net.URI} must parse it) before the router: a bare 400, the connection kept open.
     */
    @ParameterizedTest(name = "GET {0} is refused before the router with 400")
    @ValueSource(strings = {"/api/orders/%ZZ", "/api/inventory/SKU-%", "/api/inventory/SKU{0001}"})
    void refuses_a_target_that_is_no_uri_with_400_everywhere(String path) {
        Answer answer = send("GET " + path + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");

        assertThat(answer.status()).as("status of %s", answer).isEqualTo(400);
        assertStock(SKU, STOCK, 0);
    }

    static Stream<Arguments> requestsTheCodecRefuses() {
        return Stream.of(
                Arguments.of("a Content-Length that is not a number", "POST /api/orders HTTP/1.1\r\nHOST"
                        + "Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}", 400),
                Arguments.of("two differing Content-Lengths", "POST /api/orders HTTP/1.1\r\nHOST"
                        + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
                Arguments.of("a header line without a colon", "GET /api/inventory/" + SKU + " HTTP/1.1\r\nHOST"
                        + "NoColonHere\r\n\r\n", 400),
                Arguments.of("a request line without a version", "GET /api/inventory/" + SKU + "\r\n\r\n", 400),
                Arguments.of("a request line beyond the codec's 64 KiB", "GET /api/orders/" + "a".repeat(70_000)
                        + " HTTP/1.1\r\nHOST\r\n", 414),
                Arguments.of("a header block beyond the codec's 64 KiB", "GET /api/inventory/" + SKU + " HTTP/1.1\r\nHOST"
                        + "X-Padding: " + "a".repeat(70_000) + "\r\n\r\n", 431));
    }
}
