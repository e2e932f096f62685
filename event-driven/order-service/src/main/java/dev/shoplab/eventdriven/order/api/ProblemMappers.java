package dev.shoplab.eventdriven.order.api;

import dev.shoplab.eventdriven.messaging.EventJson;
import dev.shoplab.eventdriven.order.domain.OrderLimits;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches the edge into a problem answer: the problems resources raise, JAX-RS's
 * own 404/405/415, an unavailable database as 503, anything else as a logged 500. Never a 500 for a client
 * mistake.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Ahead of the mappers Quarkus brings for the same exceptions. */
    private static final int FIRST = 1;

    @ServerExceptionMapper(priority = FIRST)
    public Response problem(ProblemException e, HttpServerRequest request) {
        return answer(e.problem(), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response http(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        Problem problem;
        if (e instanceof NotSupportedException || status == 415) {
            problem = Problems.unsupportedMediaType(request.getHeader("Content-Type"));
        } else if (e instanceof NotAllowedException || status == 405) {
            problem = Problems.methodNotAllowed(request.method().name(), request.path());
        } else if (e instanceof NotFoundException || status == 404) {
            problem = Problems.notFound(request.path());
        } else if (status == 413) {
            problem = Problems.payloadTooLarge(OrderLimits.MAX_BODY_BYTES);
        } else if (status >= 500) {
            return internal(e, request);
        } else {
            problem = Problems.forStatus(status, e.getResponse().getStatusInfo().getReasonPhrase());
        }
        return answer(problem, request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response any(Throwable e, HttpServerRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t.getClass().getName().startsWith("org.hibernate.exception")) {
                LOG.warnf("database unavailable for %s %s: %s", request.method(), request.path(), e);
                return answer(Problems.unavailable(), request);
            }
        }
        return internal(e, request);
    }

    private static Response internal(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "failed to handle %s %s", request.method(), request.path());
        return answer(Problems.internal(), request);
    }

    private static Response answer(Problem problem, HttpServerRequest request) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(EventJson.write(problem.at(request.path()))).build();
    }
}
