package dev.shoplab.eventdriven.order.api;

import dev.shoplab.eventdriven.order.domain.OrderRules;
import java.util.List;
import java.util.stream.Collectors;

/** Every kind of problem the edge answers with, one stable type each, defined in this one place. */
final class Problems {

    private Problems() {
    }

    /** 400: the body cannot be read as the JSON the endpoint expects. */
    static Problem malformed(String detail) {
        return Problem.of("malformed-request", "Malformed request", 400, detail);
    }

    /** 422: readable JSON that breaks the rules; every broken rule is listed. */
    static Problem validation(List<OrderRules.Violation> violations) {
        return Problem.of("validation", "Invalid request", 422,
                        violations.stream().map(OrderRules.Violation::toString).collect(Collectors.joining("; ")))
                .withErrors(violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList());
    }

    /** 422: the order names skus the catalogue does not have. */
    static Problem unknownSkus(List<String> skus) {
        return Problem.of("unknown-sku", "Unknown sku", 422, "the catalogue has no sku " + String.join(", ", skus));
    }

    /** 409: the Idempotency-Key came back with another request. */
    static Problem idempotencyKeyReused(String key) {
        return Problem.of("idempotency-key-reused", "Idempotency key reused", 409, "Idempotency-Key " + key
                + " was used for another request; repeat the same request to get the same order, or use a new key");
    }

    static Problem orderNotFound(String id) {
        return Problem.of("order-not-found", "Order not found", 404, "there is no order " + id);
    }

    static Problem skuNotFound(String sku) {
        return Problem.of("sku-not-found", "Sku not found", 404, "the catalogue has no sku " + sku);
    }

    static Problem notFound(String path) {
        return Problem.of("not-found", "Not found", 404, "nothing answers at " + path
                + "; the API is POST /api/orders, GET /api/orders/{id}, GET /api/inventory/{sku}");
    }

    static Problem methodNotAllowed(String method, String path) {
        return Problem.of("method-not-allowed", "Method not allowed", 405, method + " is not allowed on " + path);
    }

    static Problem unsupportedMediaType(String contentType) {
        return Problem.of("unsupported-media-type", "Unsupported media type", 415,
                "the body must be application/json, not " + (contentType == null ? "a body without Content-Type"
                        : contentType));
    }

    static Problem payloadTooLarge(long limitBytes) {
        return Problem.of("payload-too-large", "Payload too large", 413,
                "the body is larger than the " + limitBytes / 1024 + " KiB this endpoint accepts");
    }

    /** 503: the database is not available; the request may be repeated (with the same Idempotency-Key). */
    static Problem unavailable() {
        return Problem.of("service-unavailable", "Service unavailable", 503, "the order database is not available;"
                + " repeat the request (with the same Idempotency-Key) shortly");
    }

    /** 500: a fault of the shop, never of the client. */
    static Problem internal() {
        return Problem.of("internal-error", "Internal error", 500,
                "the shop failed to handle the request; it has been logged");
    }

    /** A problem for a status that has no kind of its own. */
    static Problem forStatus(int status, String reason) {
        return Problem.of("http-" + status, reason, status, reason);
    }
}
