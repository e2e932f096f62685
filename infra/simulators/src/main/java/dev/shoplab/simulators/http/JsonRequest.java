package dev.shoplab.simulators.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A request's body read strictly as one JSON object; every accessor throws a 400 problem whose
 * detail names the field and says what is wrong with it. Unknown fields are ignored.
 */
public final class JsonRequest {

    /** Largest request body any endpoint accepts (64 KiB); a larger one is answered 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Header that may carry the idempotency key instead of a body field. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private static final int MAX_TEXT_LENGTH = 255;

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final RoutingContext ctx;
    private final JsonNode body;

    private JsonRequest(RoutingContext ctx, JsonNode body) {
        this.ctx = ctx;
        this.body = body;
    }

    /** Reads the body of {@code ctx}: JSON content type (415 otherwise), one JSON object (400 otherwise). */
    public static JsonRequest of(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJson(contentType)) {
            throw Problem.unsupportedMediaType("Content-Type must be application/json, got "
                    + (contentType == null ? "none" : contentType)).asException();
        }
        Buffer raw = ctx.body().buffer();
        if (raw == null || raw.length() == 0) {
            throw invalid("request body is empty; expected a JSON object");
        }
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(raw.getBytes());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw invalid("request body is not valid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw invalid("request body could not be read as JSON: " + e.getMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw invalid("request body must be a JSON object");
        }
        return new JsonRequest(ctx, parsed);
    }

    /** A required non-blank string of at most 255 characters. */
    public String text(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw invalid(field + " is required");
        }
        return value;
    }

    /** An optional string; null when absent or JSON null, 400 when blank, too long or not a string. */
    public String optionalText(String field) {
        JsonNode node = present(field, JsonNode::isTextual, "a string");
        return node == null ? null : checkedText(field, node.textValue());
    }

    /** A required integer greater than zero. */
    public long positiveLong(String field) {
        Long value = optionalPositiveLong(field);
        if (value == null) {
            throw invalid(field + " is required");
        }
        return value;
    }

    /** An optional integer greater than zero; null when absent. */
    public Long optionalPositiveLong(String field) {
        Long value = optionalLong(field);
        if (value != null && value <= 0) {
            throw invalid(field + " must be greater than 0, got " + value);
        }
        return value;
    }

    /** An optional integer in [0, max]; {@code fallback} when absent. */
    public long boundedLong(String field, long max, long fallback) {
        Long value = optionalLong(field);
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value > max) {
            throw invalid(field + " must be between 0 and " + max + ", got " + value);
        }
        return value;
    }

    /** An optional number in [0, 1]; {@code fallback} when absent. */
    public double fraction(String field, double fallback) {
        JsonNode node = present(field, JsonNode::isNumber, "a number between 0 and 1");
        if (node == null) {
            return fallback;
        }
        double value = node.doubleValue();
        if (!(value >= 0 && value <= 1)) {
            throw invalid(field + " must be between 0 and 1, got " + node.asText());
        }
        return value;
    }

    /** An optional boolean; {@code fallback} when absent. */
    public boolean bool(String field, boolean fallback) {
        JsonNode node = present(field, JsonNode::isBoolean, "true or false");
        return node == null ? fallback : node.booleanValue();
    }

    /**
     * The idempotency key from the body field or the {@code Idempotency-Key} header; null when
     * neither is given. Both may be given only if they are equal; two headers are a 400.
     */
    public String idempotencyKey(String field) {
        String fromBody = optionalText(field);
        int headers = ctx.request().headers().getAll(IDEMPOTENCY_KEY_HEADER).size();
        if (headers > 1) {
            // which one would a retry repeat? The shops' edges refuse it too
            throw invalid("send one " + IDEMPOTENCY_KEY_HEADER + " header, not " + headers);
        }
        String header = ctx.request().getHeader(IDEMPOTENCY_KEY_HEADER);
        String fromHeader = header == null ? null : checkedText(IDEMPOTENCY_KEY_HEADER + " header", header);
        if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
            throw invalid(field + " '" + fromBody + "' differs from the " + IDEMPOTENCY_KEY_HEADER
                    + " header '" + fromHeader + "'; send one, or the same in both");
        }
        return fromBody != null ? fromBody : fromHeader;
    }

    /** A 400 invalid-request problem as an exception. */
    public static ProblemException invalid(String detail) {
        return Problem.invalidRequest(detail).asException();
    }

    private Long optionalLong(String field) {
        JsonNode node = present(field, n -> n.isIntegralNumber() && n.canConvertToLong(), "an integer");
        return node == null ? null : node.longValue();
    }

    /** The field's value; null when absent or JSON null; 400 when it is not of the expected type. */
    private JsonNode present(String field, Predicate<JsonNode> ofType, String expected) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!ofType.test(node)) {
            throw wrongType(field, expected, node);
        }
        return node;
    }

    private static String checkedText(String field, String value) {
        if (value.isBlank()) {
            throw invalid(field + " must not be blank");
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw invalid(field + " must be at most " + MAX_TEXT_LENGTH + " characters, got " + value.length());
        }
        return value;
    }

    private static ProblemException wrongType(String field, String expected, JsonNode node) {
        String actual = node.isNumber() ? "the number " + node.asText()
                : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        return invalid(field + " must be " + expected + ", got " + actual);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
