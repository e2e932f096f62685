package dev.shoplab.eventdriven.payment.provider;

import dev.shoplab.eventdriven.messaging.EventTracing;
import dev.shoplab.eventdriven.messaging.HttpAnswer;
import dev.shoplab.eventdriven.messaging.OutboundHttp;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The PSP over HTTP: charge with an idempotency key, look a charge up by that key, refund. Every outcome,
 * including no answer, is an {@link HttpAnswer}; the caller decides what it means. Each call is a span under the
 * payment's own ({@code traceparent}: the span that asked for the payment).
 */
@ApplicationScoped
public class PspClient {

    private final PspConfig config;
    private final EventTracing tracing;

    PspClient(PspConfig config, EventTracing tracing) {
        this.config = config;
        this.tracing = tracing;
    }

    private OutboundHttp http;

    @PostConstruct
    void connect() {
        http = new OutboundHttp(config.url(), config.connectTimeout(), config.requestTimeout(), tracing);
    }

    /** {@code POST /psp/charges}: charges {@code amountCents} once per {@code idempotencyKey}, for order {@code reference}. */
    public CompletableFuture<HttpAnswer> charge(String idempotencyKey, long amountCents, String token, String reference,
                                                String traceparent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", idempotencyKey);
        body.put("amountCents", amountCents);
        body.put("token", token);
        body.put("reference", reference);
        return http.post("/psp/charges", body, traceparent, reference);
    }

    /** {@code GET /psp/charges?idempotencyKey=K}: the charge made with that key, if any (404 otherwise). */
    public CompletableFuture<HttpAnswer> chargeByKey(String idempotencyKey, String orderId, String traceparent) {
        return http.get("/psp/charges?idempotencyKey=" + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8),
                traceparent, orderId);
    }

    /** {@code POST /psp/refunds}: refunds what remains of a charge, once per {@code idempotencyKey}. */
    public CompletableFuture<HttpAnswer> refund(String idempotencyKey, String chargeId, String orderId,
                                                String traceparent) {
        return http.post("/psp/refunds", Map.of("idempotencyKey", idempotencyKey, "chargeId", chargeId), traceparent,
                orderId);
    }
}
