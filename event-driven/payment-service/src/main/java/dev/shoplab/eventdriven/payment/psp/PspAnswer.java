package dev.shoplab.eventdriven.payment.psp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What came back from one PSP call: an HTTP status and body, or no answer at all, either before a
 * connection was made ({@code connected == false}) or after ({@code true}: the request may have been handled).
 */
public record PspAnswer(int status, JsonNode body, boolean answered, boolean connected, String failure) {

    static PspAnswer of(int status, JsonNode body) {
        return new PspAnswer(status, body, true, true, null);
    }

    static PspAnswer none(boolean connected, String failure) {
        return new PspAnswer(0, null, false, connected, failure);
    }

    /** A text field of the body, or null. */
    public String text(String field) {
        return body == null || !body.hasNonNull(field) ? null : body.get(field).asText();
    }

    /** A number field of the body, or 0. */
    public long number(String field) {
        return body == null ? 0 : body.path(field).asLong();
    }

    /** One line for logs and failure details. */
    public String describe() {
        if (!answered) {
            return (connected ? "no answer: " : "no connection: ") + failure;
        }
        String detail = text("detail");
        return "HTTP " + status + (detail == null ? "" : ": " + detail);
    }
}
