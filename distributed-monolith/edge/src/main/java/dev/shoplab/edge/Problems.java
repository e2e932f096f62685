package dev.shoplab.edge;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every kind of problem the public API and the admin API answer with, defined once: one stable
 * {@code type} each (the last segment of {@link Problem#TYPE_BASE}{@code …}), meaning the same in the
 * three architectures. Kinds that exist only between the services of one architecture (the distributed
 * monolith's {@code out-of-stock}, {@code payment-declined}, …) are made there with {@link Problem#of}.
 */
public final class Problems {

    private Problems() {
    }

    /** 400: the body cannot be read as the JSON the endpoint expects. */
    public static Problem malformed(String detail) {
        return Problem.of("malformed-request", "Malformed request", 400, detail);
    }

    /** 422: the JSON is readable but some fields break the rules; each one is listed in {@code errors}. */
    public static Problem validation(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        return Problem.of("validation", "Invalid request", 422, detail).withErrors(errors);
    }

    /** 422: a request names skus the catalogue does not have. */
    public static Problem unknownSkus(List<String> skus) {
        return Problem.of("unknown-sku", "Unknown sku", 422, "the catalogue has no sku " + String.join(", ", skus)
                + "; skus look like SKU-0001");
    }

    /** 409: an Idempotency-Key came back with another request ({@code detail}: which key, and how it differs). */
    public static Problem idempotencyKeyReused(String detail) {
        return Problem.of("idempotency-key-reused", "Idempotency key reused", 409, detail
                + "; repeat the same request to get the same order, or use a new key for a new order");
    }

    /** 404: no order has the id (which may not even be one). */
    public static Problem orderNotFound(String id) {
        return Problem.of("order-not-found", "Order not found", 404, "there is no order " + id);
    }

    /** 404: the catalogue has no such sku. */
    public static Problem skuNotFound(String sku) {
        return Problem.of("sku-not-found", "Sku not found", 404, "the catalogue has no sku " + sku);
    }

    /** 404: nothing answers at the path. */
    public static Problem notFound(String path) {
        return Problem.of("not-found", "Not found", 404, "nothing answers at " + path);
    }

    /** 405: the path exists, the method does not. */
    public static Problem methodNotAllowed(String method, String path) {
        return Problem.of("method-not-allowed", "Method not allowed", 405, method + " is not allowed on " + path);
    }

    /** 406: the client accepts nothing the endpoint answers ({@code accept}: its Accept header). */
    public static Problem notAcceptable(String accept) {
        return Problem.of("not-acceptable", "Not acceptable", 406, "this endpoint answers application/json"
                + " (problems: " + Problem.MEDIA_TYPE + "), not " + accept);
    }

    /** 415: the body is not JSON ({@code contentType} may be null: no Content-Type). */
    public static Problem unsupportedMediaType(String contentType) {
        return Problem.of("unsupported-media-type", "Unsupported media type", 415,
                "the body must be application/json, not " + (contentType == null ? "a body without Content-Type"
                        : contentType));
    }

    /** 413: the body is larger than {@code limitBytes}, the endpoint's limit. */
    public static Problem payloadTooLarge(long limitBytes) {
        return Problem.of("payload-too-large", "Payload too large", 413,
                "the body is larger than the " + limitBytes / 1024 + " KiB this endpoint accepts");
    }

    /** 414: the request target (path and query) is longer than {@code limitCharacters}. */
    public static Problem uriTooLong(int length, int limitCharacters) {
        return Problem.of("uri-too-long", "URI too long", 414, "the path and query hold " + length
                + " characters; at most " + limitCharacters + " are accepted");
    }

    /** 431: the header block is larger than {@code limitBytes}. */
    public static Problem headersTooLarge(long size, long limitBytes) {
        return Problem.of("headers-too-large", "Request header fields too large", 431, "the header lines hold " + size
                + " characters; at most " + limitBytes + " are accepted: send fewer or shorter headers");
    }

    /** 403: the caller may not use the endpoint (the admin API from another machine). */
    public static Problem forbidden(String detail) {
        return Problem.of("forbidden", "Forbidden", 403, detail);
    }

    /**
     * 401: an admin endpoint called without the lab's control token, or with another one (RFC 6750: sent with
     * {@code WWW-Authenticate: Bearer}).
     */
    public static Problem unauthorized(String detail) {
        return Problem.of("unauthorized", "Control token required", 401, detail);
    }

    /** 503: something the service needs (its database, another service) is not available; the request may be repeated. */
    public static Problem unavailable(String detail) {
        return Problem.of("service-unavailable", "Service unavailable", 503, detail);
    }

    /**
     * 503: the service is handling as many requests as it takes at once ({@code limit}); nothing of this one was
     * done, and it may be repeated after {@code retryAfterSeconds} (sent as {@code Retry-After}, RFC 9110 §10.2.3).
     */
    public static Problem overloaded(int limit, int retryAfterSeconds) {
        return Problem.of("overloaded", "Overloaded", 503, "the shop is handling the most requests it takes at once ("
                + limit + "), so this one was not handled at all; repeat it after " + retryAfterSeconds + " s (an order"
                + " repeated with the same Idempotency-Key cannot buy twice)");
    }

    /** 500: a fault of the shop, never of the client; logged where it happened. */
    public static Problem internal() {
        return Problem.of("internal-error", "Internal error", 500,
                "the shop failed to handle the request; it has been logged");
    }

    /** A problem for a status that has no kind of its own ({@code http-<status>}). */
    public static Problem forStatus(int status, String reason) {
        return Problem.of("http-" + status, reason, status, reason);
    }
}
