package dev.shoplab.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * One HTTP answer of the shop: status, headers of interest ({@code Content-Type}, {@code Location},
 * {@code Idempotent-Replayed}, {@code Allow}, {@code WWW-Authenticate}) and the body (parsed on demand).
 */
public record Answer(String request, int status, String contentType, Optional<String> location, boolean replayed,
                     Optional<String> allow, Optional<String> wwwAuthenticate, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON; fails the test with the raw body when it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(request + " answered " + status + " with a body that is not JSON: " + body, e);
        }
    }

    @Override
    public String toString() {
        return request + " → " + status + " " + contentType + " " + body;
    }
}
