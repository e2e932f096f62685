package dev.shoplab.monolith.app.integration;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.conformance.Answer;
import dev.shoplab.monolith.app.support.MonolithDatabase;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import dev.shoplab.monolith.app.support.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Load shedding at the edge (ADR 0023) with room for two requests at once: a third, while two orders wait for a
 * slowed PSP, is answered at once {@code 503 overloaded} with {@code Retry-After} and leaves nothing behind; repeated
 * once there is room, it is placed. Every kind of answer gives its place back, and an order whose client went away
 * keeps its place until the shop has concluded it. Skus SKU-0595, SKU-0596.
 */
@QuarkusTest
@TestProfile(LoadSheddingTest.TwoAtOnce.class)
class LoadSheddingTest extends MonolithTestSupport {

    /** How long the PSP takes per charge: within the monolith's charge timeout (3 s). */
    private static final long PSP_LATENCY_MS = 2500;
    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^shoplab_http_requests_in_flight(?:\\{[^}]*})? (\\S+)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The monolith handling at most two requests under /api at once. */
    public static final class TwoAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shoplab.http.max-requests-in-flight", "2");
        }
    }

    @AfterEach
    void liftFaults() {
        Simulators.liftFaults();
    }

    @Test
    void a_request_past_the_limit_is_refused_at_once_and_leaves_nothing_behind() throws Exception {
        client().seed(Map.of("SKU-0595", 10));
        Simulators.fault("psp", "{\"latencyMs\": " + PSP_LATENCY_MS + "}");
        CompletableFuture<HttpResponse<String>> first = placeAsync(newCustomer(), null);
        CompletableFuture<HttpResponse<String>> second = placeAsync(newCustomer(), null);
        await("both orders wait for the PSP").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> inFlight() == 2);

        String customer = newCustomer();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> refused = placeAsync(customer, key).get();

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://shoplab.dev/problems/overloaded");
        assertThat(problem.path("detail").asText()).contains("(2)").contains("repeat it after 1 s");
        // the admin API is not under /api: an operator can still restock while the shop sheds orders
        client().seed(Map.of("SKU-0596", 10));
        // answered before they are routed to an endpoint, or outside /api: they take no place, so none is refused
        assertThat(List.of(client().post("/api/orders", "text/plain", "an order", null),
                client().send("DELETE", "/api/orders", null, null), client().get("/apiary")))
                .extracting(Answer::status).containsExactly(415, 405, 404);
        assertThat(first.isDone() || second.isDone()).as("refused while both orders still wait for the PSP").isFalse();
        assertThat(MonolithDatabase.count("select count(*) from orders.orders where customer_id = ?", customer))
                .as("orders of the refused request").isZero();

        assertThat(List.of(first.get(), second.get())).allSatisfy(placed -> {
            assertThat(placed.statusCode()).isEqualTo(201);
            assertThat(JSON.readTree(placed.body()).path("status").asText()).isEqualTo("CONFIRMED");
        });
        Simulators.liftFaults();
        // a place is given back when the request completes, just after its answer went out
        await("both places given back").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> inFlight() == 0);
        HttpResponse<String> repeated = placeAsync(customer, key).get();
        assertThat(repeated.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(repeated.body()).path("status").asText()).isEqualTo("CONFIRMED");
        assertStock("SKU-0595", 7, 0);
    }

    /**
     * Answers of the endpoints (201, a replay, 409, 422, 400, 404, 200) give their place back; a 415 or 405 is
     * answered while the request is routed, before it takes one, and must not give one back either.
     */
    @Test
    void every_kind_of_answer_gives_its_place_back() {
        client().seed(Map.of("SKU-0596", 10));
        String customer = newCustomer();
        String key = UUID.randomUUID().toString();

        List<Answer> answers = List.of(
                client().placeOrder(orderBody(customer, "tok_ok", "SKU-0596", 1), key),
                client().placeOrder(orderBody(customer, "tok_ok", "SKU-0596", 1), key),
                client().placeOrder(orderBody(customer, "tok_ok", "SKU-0596", 2), key),
                client().placeOrder(orderBody(customer, "tok_ok", "SKU-0596", 0), null),
                client().placeOrder(orderBody(customer, "tok_ok", "SKU-9999", 1), null),
                client().post("/api/orders", "application/json", "{\"customerId\": ", null),
                client().post("/api/orders", "text/plain", "an order", null),
                client().get("/api/orders/" + UUID.randomUUID()),
                client().get("/api/orders/not-an-id"),
                client().get("/api/inventory/SKU-0596"),
                client().get("/api/inventory/SKU-9999"),
                client().send("DELETE", "/api/orders", null, null));

        assertThat(answers).extracting(Answer::status)
                .containsExactly(201, 201, 409, 422, 422, 400, 415, 404, 404, 200, 404, 405);
        await("every place given back").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> inFlight() == 0);
    }

    @Test
    void an_order_whose_client_went_away_keeps_its_place_until_it_is_concluded() throws IOException {
        client().seed(Map.of("SKU-0596", 10));
        Simulators.fault("psp", "{\"latencyMs\": " + PSP_LATENCY_MS + "}");
        String customer = newCustomer();
        String body = orderBody(customer, "tok_ok", "SKU-0596", 1).toString();
        URI edge = URI.create(client().shop().baseUrl());
        try (Socket socket = new Socket(edge.getHost(), edge.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/orders HTTP/1.1\r\nHost: " + edge.getAuthority() + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            await("the order waits for the PSP").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> "PENDING".equals(MonolithDatabase.value(
                            "select status from orders.orders where customer_id = ?", customer))
                            && inFlight() == 1);
        }
        await("the place held while the order of a client that went away waits for the PSP")
                .during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> inFlight() == 1);
        assertThat(MonolithDatabase.value("select status from orders.orders where customer_id = ?", customer))
                .as("the order, when its place was looked at").isEqualTo("PENDING");

        await("the order is concluded").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> "CONFIRMED".equals(MonolithDatabase.value(
                        "select status from orders.orders where customer_id = ?", customer)));
        await("its place given back").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> inFlight() == 0);
    }

    private CompletableFuture<HttpResponse<String>> placeAsync(String customer, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client().shop().baseUrl() + "/api/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(orderBody(customer, "tok_ok", "SKU-0595", 1).toString()));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Requests under /api the shop handles now, as its metrics say. */
    private double inFlight() {
        Matcher gauge = IN_FLIGHT.matcher(client().get("/q/metrics").body());
        assertThat(gauge.find()).as("shoplab_http_requests_in_flight in /q/metrics").isTrue();
        return Double.parseDouble(gauge.group(1));
    }
}
