package dev.shoplab.distributed.kit;

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
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches a service's REST layer into an {@code application/problem+json}
 * answer: client mistakes into 4xx problems that say what is wrong, an unavailable database into 503,
 * anything else into a logged 500. No client mistake ever ends as a 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Ahead of the mappers Quarkus brings for the same exceptions. */
    private static final int FIRST = 1;

    private final ObjectMapper json;
    private final HttpGuards guards;

    public ProblemMappers(ObjectMapper json, HttpGuards guards) {
        this.json = json;
        this.guards = guards;
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
            return answer(Problems.malformed(JsonErrors.describe(jsonCause)), request);
        }
        int status = e.getResponse().getStatus();
        Problem problem;
        if (e instanceof NotSupportedException || status == 415) {
            problem = Problems.unsupportedMediaType(request.getHeader("Content-Type"));
        } else if (e instanceof NotAllowedException || status == 405) {
            problem = Problems.methodNotAllowed(request.method().name(), request.path());
        } else if (e instanceof NotAcceptableException || status == 406) {
            problem = Problems.notAcceptable(request.getHeader("Accept"));
        } else if (e instanceof NotFoundException || status == 404) {
            problem = Problems.notFound(request.path());
        } else if (status == 413) {
            problem = Problems.payloadTooLarge(guards.limitFor(request.path()));
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
            return answer(Problems.payloadTooLarge(guards.limitFor(request.path())), request);
        }
        return answer(Problems.malformed("the body could not be read: " + e.getMessage()), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response any(Throwable e, HttpServerRequest request) {
        if (causeOfType(e, SQLException.class) != null || e.getClass().getName().startsWith("org.hibernate.exception")) {
            LOG.warnf("Database unavailable for %s %s: %s", request.method(), request.path(), e);
            return answer(Problems.unavailable("the database is not available; repeat the request shortly"), request);
        }
        return internal(e, request);
    }

    private Response internal(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "Failed to handle %s %s", request.method(), request.path());
        return answer(Problems.internal(), request);
    }

    /** The JAX-RS answer for a problem, with its path as {@code instance}. */
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
