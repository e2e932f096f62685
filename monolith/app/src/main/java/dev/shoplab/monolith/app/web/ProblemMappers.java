package dev.shoplab.monolith.app.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.shoplab.monolith.inventory.api.OutOfStock;
import dev.shoplab.monolith.order.api.IdempotencyKeyReused;
import dev.shoplab.monolith.order.api.UnknownSkus;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the edge into an {@code application/problem+json} answer:
 * client mistakes into 4xx problems that say what is wrong, an unavailable database into 503, and
 * anything else into a 500 that is logged. No client mistake ever ends as a 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Ahead of the mappers Quarkus brings for the same exceptions. */
    private static final int FIRST = 1;

    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response problem(ProblemException e, HttpServerRequest request) {
        return answer(e.problem(), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unknownSkus(UnknownSkus e, HttpServerRequest request) {
        return answer(Problems.unknownSkus(e.skus()), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response keyReused(IdempotencyKeyReused e, HttpServerRequest request) {
        return answer(Problems.idempotencyKeyReused(e.getMessage()), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response outOfStock(OutOfStock e, HttpServerRequest request) {
        // never escapes order placement (it becomes a REJECTED order); a fault of the shop if it does
        return internal(e, request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
        return answer(Problems.malformed(describe(e)), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unreadable(JsonProcessingException e, HttpServerRequest request) {
        return answer(Problems.malformed(describe(e)), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response http(WebApplicationException e, HttpServerRequest request) {
        JsonProcessingException jsonCause = causeOfType(e, JsonProcessingException.class);
        if (jsonCause != null) {
            return answer(Problems.malformed(describe(jsonCause)), request);
        }
        int status = e.getResponse().getStatus();
        Problem problem;
        if (e instanceof NotSupportedException || status == 415) {
            problem = Problems.unsupportedMediaType(request.getHeader("Content-Type"));
        } else if (e instanceof NotAllowedException || status == 405) {
            problem = Problems.methodNotAllowed(request.method().name(), request.path());
        } else if (e instanceof NotAcceptableException || status == 406) {
            problem = Problems.notAcceptable("this endpoint answers application/json (problems: "
                    + Problem.MEDIA_TYPE + "), not " + request.getHeader("Accept"));
        } else if (e instanceof NotFoundException || status == 404) {
            problem = Problems.notFound(request.path());
        } else if (status == 413) {
            problem = Problems.payloadTooLarge(EdgeFilters.limitFor(request.path()));
        } else if (status >= 500) {
            return internal(e, request);
        } else {
            problem = Problems.forStatus(status, e.getResponse().getStatusInfo().getReasonPhrase());
        }
        return answer(problem, request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response io(IOException e, HttpServerRequest request) {
        if ("Request too large".equals(e.getMessage())) {
            return answer(Problems.payloadTooLarge(EdgeFilters.limitFor(request.path())), request);
        }
        return answer(Problems.malformed("the body could not be read: " + e.getMessage()), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response any(Throwable e, HttpServerRequest request) {
        if (databaseUnavailable(e)) {
            LOG.warnf("Database unavailable for %s %s: %s", request.method(), request.path(), e);
            return answer(Problems.unavailable("the database is not available; repeat the request (with the same"
                    + " Idempotency-Key) shortly"), request);
        }
        return internal(e, request);
    }

    /**
     * A connection that could not be had or was lost (SQL states 08…, 53…, 57P…, or the pool's
     * acquisition timeout): the database is away, not the request wrong.
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || String.valueOf(sql.getMessage()).contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    private Response internal(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "Failed to handle %s %s", request.method(), request.path());
        return answer(Problems.internal(), request);
    }

    private Response answer(Problem problem, HttpServerRequest request) {
        try {
            return Response.status(problem.status())
                    .type(Problem.MEDIA_TYPE)
                    .entity(json.writeValueAsString(problem.at(request.path())))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serialisable", e);
        }
    }

    /** What is wrong with the JSON, in terms of the client's document: where, and what was expected. */
    static String describe(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            if (e instanceof InvalidFormatException invalid) {
                return field + " must be " + expected(invalid.getTargetType()) + ", not " + json(invalid.getValue());
            }
            if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                return field + " must be " + expected(mismatched.getTargetType()) + at(e.getLocation());
            }
            return field + " is invalid: " + e.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException mismatched) {
            if (mismatched.getTargetType() != null && !isScalar(mismatched.getTargetType())) {
                return "the body must be a JSON object, not " + tokenName(e.getOriginalMessage());
            }
            return "the body could not be read: " + e.getOriginalMessage();
        }
        if (e instanceof InputCoercionException coercion) {
            return "a number is out of range" + at(coercion.getLocation()) + ": " + coercion.getOriginalMessage();
        }
        return "the body is not valid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "an object";
    }

    private static boolean isScalar(Class<?> type) {
        return type.isPrimitive() || Number.class.isAssignableFrom(type) || type == String.class || type == Boolean.class;
    }

    private static String tokenName(String message) {
        if (message == null) {
            return "something else";
        }
        for (Map.Entry<String, String> token : Map.of("Array value", "an array", "String value", "a string",
                "Integer value", "a number", "Floating-point value", "a number", "Boolean value", "a boolean",
                "Null value", "null").entrySet()) {
            if (message.contains(token.getKey())) {
                return token.getValue();
            }
        }
        return "something else";
    }

    private static String json(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
