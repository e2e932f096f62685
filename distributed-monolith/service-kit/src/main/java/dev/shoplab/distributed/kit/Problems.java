package dev.shoplab.distributed.kit;

import java.util.List;
import java.util.stream.Collectors;

/** The kinds of problem every service can answer; each service adds its own business kinds. */
public final class Problems {

    private Problems() {
    }

    /** 400: the body cannot be read as the JSON the endpoint expects. */
    public static Problem malformed(String detail) {
        return Problem.of("malformed-request", "Malformed request", 400, detail);
    }

    /** 422: the JSON is readable but some fields break the rules; each one is listed. */
    public static Problem validation(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        return Problem.of("validation", "Invalid request", 422, detail).withErrors(errors);
    }

    /** 422: a request names skus the catalogue does not have. */
    public static Problem unknownSkus(List<String> skus) {
        return Problem.of("unknown-sku", "Unknown sku", 422, "the catalogue has no sku " + String.join(", ", skus)
                + "; skus look like SKU-0001");
    }

    public static Problem notFound(String path) {
        return Problem.of("not-found", "Not found", 404, "nothing answers at " + path);
    }

    public static Problem methodNotAllowed(String method, String path) {
        return Problem.of("method-not-allowed", "Method not allowed", 405, method + " is not allowed on " + path);
    }

    public static Problem notAcceptable(String accept) {
        return Problem.of("not-acceptable", "Not acceptable", 406, "this endpoint answers application/json (problems: "
                + Problem.MEDIA_TYPE + "), not " + accept);
    }

    public static Problem unsupportedMediaType(String contentType) {
        return Problem.of("unsupported-media-type", "Unsupported media type", 415,
                "the body must be application/json, not " + (contentType == null ? "a body without Content-Type"
                        : contentType));
    }

    public static Problem payloadTooLarge(long limitBytes) {
        return Problem.of("payload-too-large", "Payload too large", 413,
                "the body is larger than the " + limitBytes / 1024 + " KiB this endpoint accepts");
    }

    public static Problem forbidden(String detail) {
        return Problem.of("forbidden", "Forbidden", 403, detail);
    }

    /** 503: something this service needs (its database, another service) is not available; repeat later. */
    public static Problem unavailable(String detail) {
        return Problem.of("service-unavailable", "Service unavailable", 503, detail);
    }

    /** 500: a fault of the service, never of the client. */
    public static Problem internal() {
        return Problem.of("internal-error", "Internal error", 500,
                "the service failed to handle the request; it has been logged");
    }

    /** A problem for a status that has no kind of its own. */
    public static Problem forStatus(int status, String reason) {
        return Problem.of("http-" + status, reason, status, reason);
    }
}
