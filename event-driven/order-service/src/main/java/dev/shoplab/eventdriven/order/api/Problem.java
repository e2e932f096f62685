package dev.shoplab.eventdriven.order.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem ({@code application/problem+json}): a stable {@code type} URI per kind of error, a
 * title, the status, a detail that says what is wrong, and for a validation problem the offending fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** Media type of problem answers. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Where every problem type lives. */
    public static final String TYPES = "https://shoplab.dev/problems/";

    /** One offending field (a JSON path such as {@code lines[0].quantity}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPES + kind, title, status, detail, null, null);
    }

    Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    /** This problem as an exception that the edge answers with. */
    ProblemException asException() {
        return new ProblemException(this);
    }
}
