package dev.shoplab.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks a request body against its Bean Validation constraints and turns violations into one 422 problem. */
@ApplicationScoped
public class RequestChecks {

    private final Validator validator;

    RequestChecks(Validator validator) {
        this.validator = validator;
    }

    /** The body if present and valid; otherwise throws the problem that says what is wrong ({@code expected}: an example). */
    public <T> T valid(T body, String expected) {
        if (body == null) {
            throw new ProblemException(Problems.malformed("the body is empty: send a JSON object " + expected));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            Set<Problem.FieldError> errors = new LinkedHashSet<>();
            violations.stream()
                    .sorted(Comparator.comparing(v -> jsonPath(v.getPropertyPath())))
                    .forEach(v -> errors.add(new Problem.FieldError(jsonPath(v.getPropertyPath()), v.getMessage())));
            throw new ProblemException(Problems.validation(List.copyOf(errors)));
        }
        return body;
    }

    /** {@code lines[0].quantity} for the Bean Validation path lines → [0] → quantity. */
    static String jsonPath(Path path) {
        StringBuilder json = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                json.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (json.length() > 0) {
                    json.append('.');
                }
                json.append(node.getName());
            }
        }
        return json.length() == 0 ? "body" : json.toString();
    }
}
