package dev.shoplab.eventdriven.order.api;

import dev.shoplab.eventdriven.messaging.EventJson;
import dev.shoplab.eventdriven.order.domain.OrderLimits;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What the edge decides before any body is read, as Vert.x routes: a body declared larger than the public
 * API accepts is refused with a 413 problem (Quarkus's own limit answers without a body), and a path that
 * nothing answers gets a 404 problem.
 */
@ApplicationScoped
public class EdgeFilters {

    /** Beyond this the connection is closed instead of reading the refused body to its end. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    void install(@Observes Router router) {
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::beforeBody);
        router.route().last().handler(ctx -> send(ctx, Problems.notFound(ctx.request().path())));
    }

    private void beforeBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(ctx, Problems.malformed("Content-Length must be a number, not " + length), true);
                return;
            }
            if (declared > OrderLimits.MAX_BODY_BYTES) {
                refuse(ctx, Problems.payloadTooLarge(OrderLimits.MAX_BODY_BYTES), declared > DRAIN_LIMIT);
                return;
            }
        }
        ctx.next();
    }

    /** Answers without handling the request; the body is read to its end first, so the client gets the answer. */
    private void refuse(RoutingContext ctx, Problem problem, boolean close) {
        HttpServerRequest request = ctx.request();
        if (close || request.isEnded()) {
            if (close) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            send(ctx, problem);
            return;
        }
        request.handler(chunk -> {
        });
        request.endHandler(end -> send(ctx, problem));
        request.exceptionHandler(failure -> request.connection().close());
        request.resume();
    }

    private static void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(EventJson.write(problem.at(ctx.request().path())));
    }
}
