package dev.shoplab.monolith.app.web;

import java.util.List;
import java.util.stream.Collectors;

/** Every kind of problem the API answers with: one stable type each, defined in this one place. */
final class Problems {

    private Problems() {
    }

    /** 400: the body cannot be read as the JSON the endpoint expects. */
    static Problem malformed(String detail) {
        return Problem.of("malformed-request", "Malformed request", 400, detail);
    }

    /** 422: the JSON is readable but some fields break the rules; each one is listed. */
    static Problem validation(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        return Problem.of("validation", "Invalid request", 422, detail).withErrors(errors);
    }

    /** 422: an order names skus the catalogue does not have. */
    static Problem unknownSkus(List<String> skus) {
        return Problem.of("unknown-sku", "Unknown sku", 422, "the catalogue has no sku " + String.join(", ", skus)
                + "; skus look like SKU-0001");
    }

    /** 409: an idempotency key came back with another request. */
    static Problem idempotencyKeyReused(String detail) {
        return Problem.of("idempotency-key-reused", "Idempotency key reused", 409, detail
                + "; repeat the same request to get the same order, or use a new key for a new order");
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

    static Problem notAcceptable(String detail) {
        return Problem.of("not-acceptable", "Not acceptable", 406, detail);
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

    static Problem forbidden(String detail) {
        return Problem.of("forbidden", "Forbidden", 403, detail);
    }

    /** 503: a dependency (the database) is not available; the request may be repeated. */
    static Problem unavailable(String detail) {
        return Problem.of("service-unavailable", "Service unavailable", 503, detail);
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
