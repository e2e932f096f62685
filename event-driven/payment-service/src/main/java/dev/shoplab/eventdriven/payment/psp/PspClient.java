package dev.shoplab.eventdriven.payment.psp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.eventdriven.messaging.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The PSP over HTTP, asynchronously (a slow PSP costs waiting, not threads): charge with an idempotency
 * key, look a charge up by that key, refund. Never throws for a failed call: every outcome, including no
 * answer, is a {@link PspAnswer}.
 */
@ApplicationScoped
public class PspClient {

    @Inject
    PspConfig config;

    private volatile HttpClient http;

    /** {@code POST /psp/charges}: charges {@code amountCents} once per {@code idempotencyKey}. */
    public CompletableFuture<PspAnswer> charge(String idempotencyKey, long amountCents, String token, String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", idempotencyKey);
        body.put("amountCents", amountCents);
        body.put("token", token);
        body.put("reference", reference);
        return post("/psp/charges", body);
    }

    /** {@code GET /psp/charges?idempotencyKey=K}: the charge made with that key, if any (404 otherwise). */
    public CompletableFuture<PspAnswer> chargeByKey(String idempotencyKey) {
        return send(HttpRequest.newBuilder(uri("/psp/charges?idempotencyKey="
                + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8))).GET());
    }

    /** {@code POST /psp/refunds}: refunds what remains of a charge, once per {@code idempotencyKey}. */
    public CompletableFuture<PspAnswer> refund(String idempotencyKey, String chargeId) {
        return post("/psp/refunds", Map.of("idempotencyKey", idempotencyKey, "chargeId", chargeId));
    }

    private CompletableFuture<PspAnswer> post(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(body))));
    }

    private CompletableFuture<PspAnswer> send(HttpRequest.Builder request) {
        return client().sendAsync(request.timeout(config.requestTimeout()).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> failure == null ? answer(response) : noAnswer(failure));
    }

    private static PspAnswer answer(HttpResponse<byte[]> response) {
        JsonNode body;
        try {
            body = response.body().length == 0 ? null : EventJson.parse(response.body());
        } catch (IOException e) {
            body = null;
        }
        return PspAnswer.of(response.statusCode(), body);
    }

    private static PspAnswer noAnswer(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        boolean connected = !(cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || (cause.getCause() instanceof ConnectException));
        String what = cause instanceof HttpTimeoutException && connected ? "timed out" : cause.toString();
        return PspAnswer.none(connected, what);
    }

    private URI uri(String path) {
        return URI.create(config.url() + path);
    }

    private HttpClient client() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(config.connectTimeout()).build();
                }
            }
        }
        return http;
    }
}
