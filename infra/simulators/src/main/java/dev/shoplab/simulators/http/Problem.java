package dev.shoplab.simulators.http;

/**
 * An RFC 9457 problem detail: every error that any endpoint of the simulators answers is one,
 * with a stable {@code type} URI per kind of error and a {@code detail} that says what is wrong.
 */
public record Problem(String type, String title, int status, String detail) {

    /** Where every problem type URI of shoplab starts. */
    public static final String TYPE_BASE = "https://shoplab.dev/problems/";

    /** A problem of the given kind; {@code kind} becomes the last segment of the type URI. */
    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPE_BASE + kind, title, status, detail);
    }

    public static Problem invalidRequest(String detail) {
        return of("invalid-request", "Invalid request", 400, detail);
    }

    public static Problem unsupportedMediaType(String detail) {
        return of("unsupported-media-type", "Unsupported media type", 415, detail);
    }

    public static Problem payloadTooLarge(String detail) {
        return of("payload-too-large", "Payload too large", 413, detail);
    }

    /** 401: an admin call without the lab's control token, or with another one (RFC 6750). */
    public static Problem unauthorized(String detail) {
        return of("unauthorized", "Control token required", 401, detail);
    }

    public static Problem notFound(String detail) {
        return of("not-found", "Not found", 404, detail);
    }

    public static Problem internalError(String detail) {
        return of("internal-error", "Internal error", 500, detail);
    }

    /** This problem as an exception, for code that finds it deep in a handler. */
    public ProblemException asException() {
        return new ProblemException(this);
    }
}
