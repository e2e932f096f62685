package dev.shoplab.edge;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the REST layer into an {@code application/problem+json} answer:
 * client mistakes into 4xx problems that say what is wrong, an unavailable database into 503 (by
 * SQLSTATE class, never a data or constraint error), anything else into a logged 500. No client mistake
 * ever ends as a 5xx. A context maps its own exceptions onto {@link Problems} with {@link #answer}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Ahead of the mappers Quarkus brings for the same exceptions. */
    private static final int FIRST = 1;
    /** Hibernate's wrapper of a lost or refused connection, named so that the edge needs no Hibernate. */
    private static final String HIBERNATE_CONNECTION_FAILURE = "org.hibernate.exception.JDBCConnectionException";

    private final ObjectMapper json;
    private final EdgeFilters filters;
    private final AllowedMethods allowedMethods;

    public ProblemMappers(ObjectMapper json, EdgeFilters filters, AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
        this.json = json;
        this.filters = filters;
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response problem(ProblemException e, HttpServerRequest request) {
        return answer(e.problem(), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unreadable(JsonProcessingException e, HttpServerRequest request) {
        return answer(Problems.malformed(JsonErrors.describe(e)), request);
    }

    // Quarkus brings mappers for these subtypes (answering plain JSON); a mapper of the exact type wins.

    @ServerExceptionMapper(priority = FIRST)
    public Response unparsable(JsonParseException e, HttpServerRequest request) {
        return unreadable(e, request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unmappable(JsonMappingException e, HttpServerRequest request) {
        return unreadable(e, request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
        return unreadable(e, request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response invalidFormat(InvalidFormatException e, HttpServerRequest request) {
        return unreadable(e, request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response http(WebApplicationException e, HttpServerRequest request) {
        JsonProcessingException jsonCause = causeOfType(e, JsonProcessingException.class);
        if (jsonCause != null) {
            return unreadable(jsonCause, request);
        }
        int status = e.getResponse().getStatus();
        Problem problem;
        if (e instanceof NotSupportedException || status == 415) {
            problem = Problems.unsupportedMediaType(request.getHeader("Content-Type"));
        } else if (e instanceof NotAllowedException || status == 405) {
            // RFC 9110 §15.5.6: a 405 lists the methods the resource does support
            Response refused = answer(Problems.methodNotAllowed(request.method().name(), request.path()), request);
            String allowed = String.join(", ", allowedMethods.at(request.path()));
            return allowed.isEmpty() ? refused : Response.fromResponse(refused).header(HttpHeaders.ALLOW, allowed).build();
        } else if (e instanceof NotAcceptableException || status == 406) {
            problem = Problems.notAcceptable(request.getHeader("Accept"));
        } else if (e instanceof NotFoundException || status == 404) {
            problem = Problems.notFound(request.path());
        } else if (status == 413) {
            problem = Problems.payloadTooLarge(filters.limitFor(request.path()));
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
            return answer(Problems.payloadTooLarge(filters.limitFor(request.path())), request);
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
     * Whether {@code e} says the database is away rather than the request wrong: a connection that could
     * not be had or was lost — SQLSTATE class 08 (connection exception), 53 (insufficient resources) or
     * 57P (operator intervention: shutdown, restart), per the PostgreSQL manual's appendix A — or the
     * pool's acquisition timeout. Data (22) and constraint (23) errors are never "unavailable": a retry
     * of the same request cannot succeed.
     */
    public static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals(HIBERNATE_CONNECTION_FAILURE)) {
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

    /** The JAX-RS answer for {@code problem}, with the request's path as {@code instance}. */
    public Response answer(Problem problem, HttpServerRequest request) {
        try {
            return Response.status(problem.status())
                    .type(Problem.MEDIA_TYPE)
                    .entity(json.writeValueAsString(problem.at(request.path())))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serialisable", e);
        }
    }

    /** The first cause of type {@code type} in the chain of {@code e}, or null. */
    public static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
