package dev.shoplab.monolith.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem: a stable {@code type} URI per kind of error, a title, the HTTP status, and a
 * detail that says what is wrong; {@code errors} lists the offending fields of a validation problem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** Where every problem type lives. */
    public static final String TYPE_BASE = "https://shoplab.dev/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field (a JSON path such as {@code lines[0].quantity}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPE_BASE + kind, title, status, detail, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
