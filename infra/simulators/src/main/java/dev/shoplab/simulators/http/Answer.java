package dev.shoplab.simulators.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * What an endpoint answers: a status, a body serialised as JSON (a {@link Problem} as
 * {@code application/problem+json}, none when null), and whether it replays an earlier answer.
 */
public record Answer(int status, Object body, boolean replayed) {

    /** Header set on an answer that repeats the first answer given for the same idempotency key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger LOG = Logger.getLogger(Answer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Answer of(int status, Object body) {
        return new Answer(status, body, false);
    }

    public static Answer problem(Problem problem) {
        return new Answer(problem.status(), problem, false);
    }

    /** The same answer, marked as a replay of the first one. */
    public Answer replay() {
        return new Answer(status, body, true);
    }

    /** Runs an endpoint; a {@link ProblemException} it throws becomes its answer. */
    public static Answer compute(Function<RoutingContext, Answer> endpoint, RoutingContext ctx) {
        try {
            return endpoint.apply(ctx);
        } catch (ProblemException e) {
            return problem(e.problem());
        }
    }

    /** The answer to a failed routing context: a body over the limit, a problem, or a bug (500). */
    public static Answer forFailure(RoutingContext ctx) {
        if (ctx.failure() instanceof ProblemException e) {
            return problem(e.problem());
        }
        if (ctx.statusCode() == 413) {
            return problem(Problem.payloadTooLarge(
                    "request body is larger than the limit of " + JsonRequest.MAX_BODY_BYTES + " bytes"));
        }
        if (ctx.statusCode() >= 400 && ctx.statusCode() < 500 && ctx.failure() == null) {
            return problem(Problem.invalidRequest("the request was rejected with status " + ctx.statusCode()));
        }
        if (ctx.failure() instanceof HttpException refused && refused.getStatusCode() / 100 == 4) {
            // Vert.x Web refused the request as it read it, e.g. a query's malformed escape (%zz): the client's mistake
            Throwable why = refused.getCause() != null ? refused.getCause() : refused;
            return problem(Problem.invalidRequest("the request could not be read: " + why.getMessage()));
        }
        if (ctx.request().version() == HttpVersion.HTTP_1_1 && ctx.request().headers().get("Host") == null) {
            // Vert.x fails such a request where it computes its URI; RFC 9112 §3.2: a server answers it 400
            return problem(Problem.invalidRequest("an HTTP/1.1 request needs a Host header (RFC 9112, section 3.2)"));
        }
        LOG.errorf(ctx.failure(), "unexpected failure on %s %s", ctx.request().method(), ctx.request().path());
        return problem(Problem.internalError("the simulator failed unexpectedly; see its log"));
    }

    /** The answer to a request that no route matches. */
    public static Answer noRoute(RoutingContext ctx) {
        return problem(Problem.notFound("no endpoint " + ctx.request().method() + " " + ctx.request().path()));
    }

    /** Writes this answer, unless the response was already ended or its connection closed. */
    public void send(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status);
        if (replayed) {
            response.putHeader(REPLAYED_HEADER, "true");
        }
        if (body == null) {
            response.end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE,
                body instanceof Problem ? "application/problem+json" : "application/json");
        try {
            response.end(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getName(), e);
        }
    }
}
