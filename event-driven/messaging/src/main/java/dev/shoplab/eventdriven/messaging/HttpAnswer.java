package dev.shoplab.eventdriven.messaging;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What came back from one call to an external provider: an HTTP status and body, or no answer at all,
 * either before a connection was made ({@code connected == false}: the request certainly did nothing) or
 * after ({@code true}: the provider may have handled it).
 */
public record HttpAnswer(int status, JsonNode body, boolean answered, boolean connected, String failure) {

    private static final int MAX_DESCRIPTION = 500;

    static HttpAnswer of(int status, JsonNode body) {
        return new HttpAnswer(status, body, true, true, null);
    }

    static HttpAnswer none(boolean connected, String failure) {
        return new HttpAnswer(0, null, false, connected, failure);
    }

    /** A text field of the body, or null. */
    public String text(String field) {
        return body == null || !body.hasNonNull(field) ? null : body.get(field).asText();
    }

    /** A number field of the body, or 0. */
    public long number(String field) {
        return body == null ? 0 : body.path(field).asLong();
    }

    /** True for a 2xx answer. */
    public boolean success() {
        return answered && status >= 200 && status < 300;
    }

    /** One line for logs and failure details, at most 500 characters. */
    public String describe() {
        String line;
        if (!answered) {
            line = (connected ? "no answer: " : "no connection: ") + failure;
        } else {
            String detail = text("detail");
            line = "HTTP " + status + (detail == null ? "" : ": " + detail);
        }
        return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
}
