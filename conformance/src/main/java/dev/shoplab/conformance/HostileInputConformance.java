package dev.shoplab.conformance;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input never gets a 500 and never writes anything: each hostile request gets a 4xx problem
 * whose detail says what is wrong; afterwards the stock is untouched and the request's
 * Idempotency-Key is still free (a valid request with it places a new order, not a 409).
 * Unreadable JSON is a 400 {@code malformed-request}; readable JSON that breaks a rule is a 422
 * {@code validation} (or {@code unknown-sku}). SKU-0201 belongs to this class.
 */
public abstract class HostileInputConformance extends ConformanceSupport {

    static final String SKU = "SKU-0201";
    static final int STOCK = 20;
    private static final String VALID_LINE = "{\"sku\": \"" + SKU + "\", \"quantity\": 1}";

    @BeforeEach
    void seedTheSkuThatMustStayUntouched() {
        client().seed(Map.of(SKU, STOCK));
    }

    /** A body built around a valid order: {@code %s} in place of the lines. */
    private static String withLines(String lines) {
        return "{\"customerId\": \"c-hostile\", \"lines\": " + lines + ", \"paymentToken\": \"tok_ok\"}";
    }

    private static String withLine(String line) {
        return withLines("[" + line + "]");
    }

    static Stream<Arguments> hostileBodies() {
        return Stream.of(
                // unreadable: 400 malformed-request
                Arguments.of("malformed JSON", "{\"customerId\": \"c-1\", \"lines\": [" + VALID_LINE, 400,
                        "malformed-request", new String[] {}),
                Arguments.of("a JSON array", "[" + withLine(VALID_LINE) + "]", 400, "malformed-request",
                        new String[] {"object"}),
                Arguments.of("an empty body", "", 400, "malformed-request", new String[] {}),
                Arguments.of("a JSON string", "\"an order please\"", 400, "malformed-request", new String[] {}),
                Arguments.of("garbage after the JSON", withLine(VALID_LINE) + " trailing", 400, "malformed-request",
                        new String[] {}),
                Arguments.of("a quantity that is not a number", withLine("{\"sku\": \"" + SKU + "\", \"quantity\": \"abc\"}"),
                        400, "malformed-request", new String[] {"quantity"}),
                Arguments.of("a quantity given as a string", withLine("{\"sku\": \"" + SKU + "\", \"quantity\": \"2\"}"),
                        400, "malformed-request", new String[] {"quantity"}),
                Arguments.of("a fractional quantity", withLine("{\"sku\": \"" + SKU + "\", \"quantity\": 1.5}"),
                        400, "malformed-request", new String[] {"quantity"}),
                Arguments.of("a quantity too large for any number type",
                        withLine("{\"sku\": \"" + SKU + "\", \"quantity\": 99999999999}"), 400, "malformed-request",
                        new String[] {"quantity"}),
                Arguments.of("lines that are not an array", withLines(VALID_LINE), 400, "malformed-request",
                        new String[] {"lines"}),
                Arguments.of("a line that is not an object", withLines("[5]"), 400, "malformed-request",
                        new String[] {"lines"}),
                Arguments.of("a customer id that is a number",
                        "{\"customerId\": 42, \"lines\": [" + VALID_LINE + "], \"paymentToken\": \"tok_ok\"}", 400,
                        "malformed-request", new String[] {"customerId"}),
                // readable but invalid: 422 validation
                Arguments.of("no customer id", "{\"lines\": [" + VALID_LINE + "], \"paymentToken\": \"tok_ok\"}", 422,
                        "validation", new String[] {"customerId"}),
                Arguments.of("a blank customer id",
                        "{\"customerId\": \"  \", \"lines\": [" + VALID_LINE + "], \"paymentToken\": \"tok_ok\"}", 422,
                        "validation", new String[] {"customerId"}),
                Arguments.of("no lines", "{\"customerId\": \"c-1\", \"paymentToken\": \"tok_ok\"}", 422, "validation",
                        new String[] {"lines"}),
                Arguments.of("an empty list of lines", withLines("[]"), 422, "validation", new String[] {"lines"}),
                Arguments.of("no payment token", "{\"customerId\": \"c-1\", \"lines\": [" + VALID_LINE + "]}", 422,
                        "validation", new String[] {"paymentToken"}),
                Arguments.of("a line without sku", withLine("{\"quantity\": 1}"), 422, "validation",
                        new String[] {"sku"}),
                Arguments.of("a line without quantity", withLine("{\"sku\": \"" + SKU + "\"}"), 422, "validation",
                        new String[] {"quantity"}),
                Arguments.of("a null quantity", withLine("{\"sku\": \"" + SKU + "\", \"quantity\": null}"), 422,
                        "validation", new String[] {"quantity"}),
                Arguments.of("a quantity of 0", withLine("{\"sku\": \"" + SKU + "\", \"quantity\": 0}"), 422,
                        "validation", new String[] {"quantity"}),
                Arguments.of("a negative quantity", withLine("{\"sku\": \"" + SKU + "\", \"quantity\": -3}"), 422,
                        "validation", new String[] {"quantity"}),
                Arguments.of("a quantity over 100", withLine("{\"sku\": \"" + SKU + "\", \"quantity\": 101}"), 422,
                        "validation", new String[] {"quantity"}),
                Arguments.of("more than 50 lines", withLines(repeat(VALID_LINE, 51)), 422, "validation",
                        new String[] {"lines"}),
                Arguments.of("an unknown sku", withLines("[" + VALID_LINE + ", {\"sku\": \"SKU-9999\", \"quantity\": 1}]"),
                        422, "unknown-sku", new String[] {"SKU-9999"}),
                // each sku 32 characters that all need percent-encoding in a URL: together far more than the
                // 4096-character request target a service takes, should a service look them up by query string
                Arguments.of("49 unknown skus of characters a URL must escape", withLines(escapedUnknownSkus(49)), 422,
                        "unknown-sku", new String[] {"&é&é", "00", "48"}));
    }

    /** {@code VALID_LINE} and {@code n} unknown skus of 32 characters, 30 of them {@code &} and {@code é}. */
    private static String escapedUnknownSkus(int n) {
        StringBuilder lines = new StringBuilder("[").append(VALID_LINE);
        for (int i = 0; i < n; i++) {
            lines.append(", {\"sku\": \"").append("&é".repeat(15)).append(String.format(Locale.ROOT, "%02d", i))
                    .append("\", \"quantity\": 1}");
        }
        return lines.append(']').toString();
    }

    /**
     * A text field holding what no text field may (PrintableText of the edge): control characters, among them
     * U+0000, which PostgreSQL cannot store (SQLSTATE 22021), and half a surrogate pair. Each is a 422 naming the
     * field, never a 500 or a 503 (a retry could never succeed).
     */
    static Stream<Arguments> unprintableFields() {
        List<String> characters = List.of("\\u0000", "\\u0007", "\\u001f", "\\u007f", "\\u0085", "\\ud800",
                "\\udc00x");
        List<Arguments> cases = new ArrayList<>();
        for (String c : characters) {
            cases.add(Arguments.of("customerId", c, "{\"customerId\": \"c" + c + "x\", \"lines\": [" + VALID_LINE
                    + "], \"paymentToken\": \"tok_ok\"}"));
            cases.add(Arguments.of("paymentToken", c, "{\"customerId\": \"c-hostile\", \"lines\": [" + VALID_LINE
                    + "], \"paymentToken\": \"tok_ok" + c + "\"}"));
            cases.add(Arguments.of("lines[0].sku", c, withLine("{\"sku\": \"" + SKU + c + "\", \"quantity\": 1}")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} holding {1} gets a 422 naming the field")
    @MethodSource("unprintableFields")
    void refuses_a_field_holding_a_character_no_text_may_hold(String field, String character, String body) {
        String key = newKey();

        Answer answer = client().post("/api/orders", "application/json", body, key);

        assertProblem(answer, 422, "validation", field, "printable text");
        assertNothingWasWritten(key);
    }

    @ParameterizedTest(name = "GET {0} gets a 400 naming the path or query")
    @ValueSource(strings = {"/api/orders/%00", "/api/orders/ab%00cd", "/api/inventory/SKU-%00", "/api/inventory/SKU%C2%85",
            "/api/inventory/SKU%ED%A0%80", "/api/orders?customerId=%00"})
    void refuses_a_path_or_query_holding_a_character_no_text_may_hold(String path) {
        Answer answer = client().get(path);

        assertProblem(answer, 400, "malformed-request", path.contains("?") ? "query parameter" : "path segment");
        assertStock(SKU, STOCK, 0);
    }

    @ParameterizedTest(name = "{0} gets a {2} {3} problem")
    @MethodSource("hostileBodies")
    void refuses_a_hostile_order_body_with_a_problem_and_writes_nothing(String what, String body, int status,
                                                                         String kind, String[] mentions) {
        String key = newKey();

        Answer answer = client().post("/api/orders", "application/json", body, key);

        assertProblem(answer, status, kind, mentions);
        assertNothingWasWritten(key);
    }

    @ParameterizedTest(name = "an Idempotency-Key of [{0}] is a 422 and buys nothing")
    @ValueSource(strings = {"", "   ", "\t"})
    void refuses_an_empty_or_blank_idempotency_key_with_422(String key) {
        Answer answer = client().post("/api/orders", "application/json", withLine(VALID_LINE), key);

        assertProblem(answer, 422, "validation", "Idempotency-Key");
        assertStock(SKU, STOCK, 0);
    }

    /**
     * JSON is UTF-8 (RFC 8259 §8.1), strictly: an overlong {@code -} ({@code C0 AD}) in a sku would otherwise be read
     * as the sku itself, and a sequence beyond U+10FFFF as something else; either is a 400 and buys nothing.
     */
    @ParameterizedTest(name = "a body with {0} is a 400 malformed-request and buys nothing")
    @CsvSource({"an overlong form of '-', \u00C0\u00AD", "a code point beyond U+10FFFF, \u00F4\u0090\u0080\u0080"})
    void refuses_a_body_that_is_not_utf_8_with_400(String what, String bytes) {
        String body = withLine("{\"sku\": \"" + SKU.replace("-", bytes) + "\", \"quantity\": 1}");
        String request = "POST /api/orders HTTP/1.1\r\nHost: " + shop().baseUrl().replaceFirst("^https?://", "")
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + newKey() + "\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body; // one byte per char: ISO-8859-1 on the wire

        Answer answer = RawHttp.answer(shop().baseUrl(), request);

        assertProblem(answer, 400, "malformed-request", "not UTF-8");
        assertStock(SKU, STOCK, 0);
    }

    @Test
    void refuses_two_idempotency_keys_with_422_and_buys_nothing() {
        // which of the two would a retry repeat? With one of them silently taken, a retry may buy twice
        String body = withLine(VALID_LINE);
        String request = "POST /api/orders HTTP/1.1\r\nHost: " + shop().baseUrl().replaceFirst("^https?://", "")
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + newKey() + "\r\nIdempotency-Key: " + newKey()
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;

        Answer answer = RawHttp.answer(shop().baseUrl(), request);

        assertProblem(answer, 422, "validation", "Idempotency-Key", "2 times");
        assertStock(SKU, STOCK, 0);
    }

    @Test
    void refuses_a_body_that_is_not_json_with_415() {
        String key = newKey();

        Answer answer = client().post("/api/orders", "text/plain", withLine(VALID_LINE), key);

        assertProblem(answer, 415, "unsupported-media-type", "application/json");
        assertNothingWasWritten(key);
    }

    @Test
    void refuses_a_form_post_with_415() {
        String key = newKey();

        Answer answer = client().post("/api/orders", "application/x-www-form-urlencoded", "customerId=c-1&sku=" + SKU, key);

        assertProblem(answer, 415, "unsupported-media-type", "application/json");
        assertNothingWasWritten(key);
    }

    @Test
    void refuses_a_body_without_content_type_with_415() {
        String key = newKey();

        Answer answer = client().post("/api/orders", null, withLine(VALID_LINE), key);

        assertProblem(answer, 415, "unsupported-media-type", "application/json");
        assertNothingWasWritten(key);
    }

    @ParameterizedTest(name = "{0} {1} gets a 405 problem allowing {2}")
    @CsvSource({"POST, /api/inventory/SKU-0201, 'GET, HEAD'", "DELETE, /api/orders, POST", "PUT, /api/orders/any-id, 'GET, HEAD'",
            // Quarkus REST routes a path with a trailing slash as the path without it: so does the Allow header
            "GET, /api/orders/, POST", "DELETE, /api/inventory/SKU-0201/, 'GET, HEAD'"})
    void refuses_a_method_the_endpoint_does_not_take_with_405_and_says_which_it_takes(String method, String path,
                                                                                      String allowed) {
        Answer answer = client().send(method, path, "application/json", "POST".equals(method) ? "{}" : null);

        assertProblem(answer, 405, "method-not-allowed", method);
        assertThat(answer.allow()).as("the Allow header of %s (RFC 9110 §15.5.6)", answer).hasValue(allowed);
        assertStock(SKU, STOCK, 0);
    }

    @Test
    void refuses_a_chunked_body_over_the_limit_with_413() {
        String key = newKey();
        byte[] body = ("{\"customerId\": \"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        Answer answer = client().postChunked("/api/orders", body);

        assertProblem(answer, 413, "payload-too-large");
        assertNothingWasWritten(key);
    }

    @Test
    void refuses_a_body_of_several_megabytes_with_413() {
        String key = newKey();
        String body = withLines(repeat(VALID_LINE, 80_000)); // about 3.5 MB of well-formed JSON

        Answer answer = client().post("/api/orders", "application/json", body, key);

        assertProblem(answer, 413, "payload-too-large");
        assertNothingWasWritten(key);
    }

    @ParameterizedTest(name = "PUT /admin/catalogue with Authorization [{0}] is a 401 and changes nothing")
    @CsvSource(value = {"NONE", "''", "Bearer", "Bearer not-the-token", "Basic dXNlcjpwYXNz", "TOKEN-WITHOUT-BEARER",
            "TOKEN-WITH-A-SUFFIX"}, nullValues = "NONE")
    void refuses_a_catalogue_change_without_the_control_token_with_401(String authorization) {
        String token = shop().controlToken();
        String sent = authorization == null ? null : switch (authorization) {
            case "TOKEN-WITHOUT-BEARER" -> token;
            case "TOKEN-WITH-A-SUFFIX" -> "Bearer " + token + "x";
            default -> authorization;
        };

        Answer answer = client().putCatalogue("{\"items\": [{\"sku\": \"" + SKU + "\", \"priceCents\": 1, \"available\": 0}]}",
                sent);

        assertProblem(answer, 401, "unauthorized", "control token");
        assertThat(answer.wwwAuthenticate()).as("the challenge of %s (RFC 6750 §3)", answer)
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertStock(SKU, STOCK, 0);
    }

    /**
     * The catalogue admin takes the same catalogues everywhere: 1 to {@value #MOST_CATALOGUE_ITEMS} items, each sku
     * once, prices from 0.01 to 1,000,000.00. Each hostile catalogue starts with a change of SKU-0201 that must not happen.
     */
    static Stream<Arguments> hostileCatalogues() {
        String change = "{\"sku\": \"" + SKU + "\", \"priceCents\": 1, \"available\": 0}";
        return Stream.of(
                Arguments.of("no items", "{\"items\": []}", "items"),
                Arguments.of("no items field", "{}", "items"),
                Arguments.of("one item more than the most", "{\"items\": [" + change + ","
                        + catalogueItems(MOST_CATALOGUE_ITEMS, "SKU-X") + "]}", "items"),
                Arguments.of("a sku twice", "{\"items\": [" + change + ", " + change + "]}", "items[1].sku"),
                Arguments.of("a price over 1,000,000.00", "{\"items\": [" + change + ", {\"sku\": \"SKU-0202\","
                        + " \"priceCents\": 100000001, \"available\": 1}]}", "items[1].priceCents"),
                Arguments.of("a price of 0 (the PSP charges only positive amounts)", "{\"items\": [" + change
                        + ", {\"sku\": \"SKU-0202\", \"priceCents\": 0, \"available\": 1}]}", "items[1].priceCents"),
                Arguments.of("a negative stock", "{\"items\": [" + change + ", {\"sku\": \"SKU-0202\","
                        + " \"priceCents\": 100, \"available\": -1}]}", "items[1].available"),
                Arguments.of("a sku of 33 characters", "{\"items\": [" + change + ", {\"sku\": \"" + "S".repeat(33)
                        + "\", \"priceCents\": 100, \"available\": 1}]}", "items[1].sku"));
    }

    /** The most items one {@code PUT /admin/catalogue} takes (docs/DESIGN.md): ten times the standard catalogue. */
    static final int MOST_CATALOGUE_ITEMS = 10_000;

    @ParameterizedTest(name = "a catalogue with {0} is a 422 naming {2} and changes nothing")
    @MethodSource("hostileCatalogues")
    void refuses_a_hostile_catalogue_with_422_and_changes_nothing(String what, String body, String field) {
        Answer answer = client().putCatalogue(body);

        assertProblem(answer, 422, "validation", field);
        assertStock(SKU, STOCK, 0);
        assertThat(client().stock(SKU).path("priceCents").asLong()).isEqualTo(ShopClient.priceOf(SKU));
    }

    @Test
    void accepts_a_catalogue_of_the_most_items_it_takes() {
        Answer answer = client().putCatalogue("{\"items\": [" + catalogueItems(MOST_CATALOGUE_ITEMS, "SKU-MAX") + "]}");

        assertThat(answer.status()).as("%s", answer).isBetween(200, 299);
        // an asynchronous shop may answer before its read model shows the catalogue: it shows it within the bound
        long deadline = System.nanoTime() + ShopClient.CONCLUSION_BOUND.toNanos();
        Answer last = client().get("/api/inventory/SKU-MAX-09999");
        while (last.status() != 200) {
            assertThat(System.nanoTime()).as("the last sku is shown within %s: %s", ShopClient.CONCLUSION_BOUND, last)
                    .isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            last = client().get("/api/inventory/SKU-MAX-09999");
        }
        assertThat(last.json().path("available").asInt()).isEqualTo(1);
    }

    /** {@code count} catalogue items {@code <prefix>-00000} … with price 100 and stock 1, joined by commas. */
    private static String catalogueItems(int count, String prefix) {
        StringBuilder items = new StringBuilder(count * 64);
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\": \"").append(prefix).append(String.format("-%05d", i))
                    .append("\", \"priceCents\": 100, \"available\": 1}");
        }
        return items.toString();
    }

    @ParameterizedTest(name = "PUT /admin/catalogue with the scheme written [{0}] takes the token")
    @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
    void takes_the_control_token_whatever_the_case_of_its_scheme(String scheme) {
        // RFC 9110 §11.1: the authentication scheme is case-insensitive; the token itself is not
        String unchanged = "{\"items\": [{\"sku\": \"" + SKU + "\", \"priceCents\": " + ShopClient.priceOf(SKU)
                + ", \"available\": " + STOCK + "}]}";

        Answer answer = client().putCatalogue(unchanged, scheme + " " + shop().controlToken());

        assertThat(answer.status()).as("%s", answer).isBetween(200, 299);
        assertStock(SKU, STOCK, 0);
    }

    /** The stock is untouched, and the key was not spent: a valid request with it places a new order. */
    private void assertNothingWasWritten(String key) {
        assertStock(SKU, STOCK, 0);
        Answer valid = client().placeOrder(orderBody(newCustomer(), "tok_ok", SKU, 1), key);
        assertThat(valid.status()).as("a valid request with the key of a refused one is a new order: %s", valid)
                .isIn(201, 202);
        assertThat(valid.replayed()).as("not a replay: %s", valid).isFalse();
        JsonNode order = client().concluded(valid);
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
    }

    private static String repeat(String line, int times) {
        StringBuilder lines = new StringBuilder(line.length() * times + times + 2).append('[');
        for (int i = 0; i < times; i++) {
            if (i > 0) {
                lines.append(',');
            }
            lines.append(line);
        }
        return lines.append(']').toString();
    }
}
