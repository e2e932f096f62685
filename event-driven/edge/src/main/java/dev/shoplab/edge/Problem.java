package dev.shoplab.edge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem as every service answers it: a stable {@code type} URI per kind of error, a
 * title, the HTTP status, a detail that says what is wrong, and for validation the offending fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** Where every problem type lives. */
    public static final String TYPE_BASE = "https://shoplab.dev/problems/";
    /** The content type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field (a JSON path such as {@code lines[0].quantity}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    /** A problem of kind {@code kind} (the last segment of its type URI). */
    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPE_BASE + kind, title, status, detail, null, null);
    }

    /** The kind: {@code out-of-stock} for {@code https://shoplab.dev/problems/out-of-stock}. */
    public String kind() {
        return type != null && type.startsWith(TYPE_BASE) ? type.substring(TYPE_BASE.length()) : type;
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
