package dev.shoplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.lab.seed.CatalogueSeed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The conformance suite's only way into a shop: plain HTTP with {@code java.net.http} and Jackson.
 * It knows the public API of docs/DESIGN.md and nothing of any implementation.
 */
public final class ShopClient {

    /** How long an asynchronous shop may take to conclude an order. */
    public static final Duration CONCLUSION_BOUND = Duration.ofSeconds(30);
    static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "FAILED");

    private static final Map<String, ShopClient> CLIENTS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CatalogueSeed STANDARD = CatalogueSeed.standard();

    private final ShopUnderTest shop;
    private final HttpClient http;

    private ShopClient(ShopUnderTest shop) {
        this.shop = shop;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "conformance-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    /** The client of a shop (one per base URL, shared by every test). */
    public static ShopClient of(ShopUnderTest shop) {
        return CLIENTS.computeIfAbsent(shop.baseUrl() + " " + shop.asynchronous(), k -> new ShopClient(shop));
    }

    public ShopUnderTest shop() {
        return shop;
    }

    // ---- raw HTTP ----

    /** {@code POST path} with any content type and body (null: no body), and an optional Idempotency-Key. */
    public Answer post(String path, String contentType, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build(), "POST " + path);
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET()
                .build(), "GET " + path);
    }

    /** Any method on {@code path}, with a body ({@code null}: none) and its content type ({@code null}: no header). */
    public Answer send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build(), method + " " + path);
    }

    /** {@code POST path} with a JSON body sent chunked (no Content-Length), as a streaming client sends it. */
    public Answer postChunked(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), "POST " + path + " (chunked)");
    }

    private Answer send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(what, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location"),
                    response.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false),
                    response.headers().firstValue("Allow"), response.headers().firstValue("WWW-Authenticate"),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " at " + shop.baseUrl() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        }
    }

    // ---- the public API ----

    /** {@code POST /api/orders} with a JSON body. */
    public Answer placeOrder(JsonNode body, String idempotencyKey) {
        return post("/api/orders", "application/json", body.toString(), idempotencyKey);
    }

    /**
     * The order a successful {@code POST /api/orders} answer leads to, once concluded: a synchronous
     * shop answers 201 with it; an asynchronous one answers 202 PENDING, and the order is polled
     * until it concludes (within {@link #CONCLUSION_BOUND}).
     */
    public JsonNode concluded(Answer posted) {
        JsonNode order = posted.json();
        if (!shop.asynchronous()) {
            assertThat(posted.status()).as("a synchronous shop answers 201 with the concluded order: %s", posted)
                    .isEqualTo(201);
            assertThat(order.path("status").asText()).as("status of %s", posted).isIn(TERMINAL);
            return order;
        }
        assertThat(posted.status()).as("an asynchronous shop accepts an order with 202 (or 201 once it has concluded): %s",
                posted).isIn(201, 202);
        String path = "/api/orders/" + order.path("orderId").asText();
        long deadline = System.nanoTime() + CONCLUSION_BOUND.toNanos();
        while (!TERMINAL.contains(order.path("status").asText())) {
            assertThat(System.nanoTime()).as("order %s concludes within %s", path, CONCLUSION_BOUND).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            Answer polled = get(path);
            assertThat(polled.status()).as("%s", polled).isEqualTo(200);
            order = polled.json();
        }
        return order;
    }

    /** Places an order that must be accepted, and returns it concluded. */
    public JsonNode placeConcluded(JsonNode body, String idempotencyKey) {
        return concluded(placeOrder(body, idempotencyKey));
    }

    /** {@code GET /api/inventory/{sku}}, which must answer 200. */
    public JsonNode stock(String sku) {
        Answer answer = get("/api/inventory/" + sku);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    // ---- the catalogue ----

    /**
     * Seeds the listed skus through {@code PUT /admin/catalogue}: the standard price of each, the
     * given stock, no reservation. Other skus are left alone, so tests with skus of their own do not
     * disturb each other.
     */
    public void seed(Map<String, Integer> stockBySku) {
        CatalogueSeed seed = STANDARD.withStock(stockBySku);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        stockBySku.keySet().stream().sorted().forEach(sku -> {
            CatalogueSeed.Item item = seed.item(sku);
            items.addObject().put("sku", item.sku()).put("priceCents", item.priceCents())
                    .put("available", item.available());
        });
        Answer answer = putCatalogue(body.toString());
        assertThat(answer.status()).as("seeding %s: %s", stockBySku, answer).isBetween(200, 299);
    }

    /** {@code PUT /admin/catalogue} at the catalogue owner with any JSON body, with the control token. */
    public Answer putCatalogue(String body) {
        return putCatalogue(body, "Bearer " + shop.controlToken());
    }

    /** {@code PUT /admin/catalogue} with this {@code Authorization} header value (none when null). */
    public Answer putCatalogue(String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.catalogueAdminUrl() + "/admin/catalogue"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build(), "PUT /admin/catalogue");
    }

    /** The standard price of a sku (what {@link #seed} sets). */
    public static long priceOf(String sku) {
        return STANDARD.item(sku).priceCents();
    }

    /** An order body: {@code lines} alternate sku and quantity ({@code "SKU-0001", 2, "SKU-0002", 1}). */
    public static ObjectNode orderBody(String customerId, String paymentToken, Object... lines) {
        ObjectNode body = JSON.createObjectNode();
        body.put("customerId", customerId);
        ArrayNode array = body.putArray("lines");
        for (int i = 0; i < lines.length; i += 2) {
            array.addObject().put("sku", (String) lines[i]).put("quantity", (Integer) lines[i + 1]);
        }
        body.put("paymentToken", paymentToken);
        return body;
    }

    /** Every sku of a set, as a map to one stock level (for {@link #seed}). */
    public static Map<String, Integer> stockOf(int stock, String... skus) {
        return Map.copyOf(Arrays.stream(skus).collect(Collectors.toMap(s -> s, s -> stock)));
    }
}
