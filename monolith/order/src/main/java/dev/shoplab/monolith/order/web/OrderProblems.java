package dev.shoplab.monolith.order.web;

import dev.shoplab.edge.ProblemMappers;
import dev.shoplab.edge.Problems;
import dev.shoplab.monolith.inventory.api.OutOfStock;
import dev.shoplab.monolith.order.application.IdempotencyKeyReused;
import dev.shoplab.monolith.order.application.UnknownSkus;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The contexts' own exceptions as the edge's problems; everything else is mapped by the edge's {@link ProblemMappers}. */
public class OrderProblems {

    private static final Logger LOG = Logger.getLogger(OrderProblems.class);
    /** Ahead of the edge's catch-all mapper. */
    private static final int FIRST = 1;

    private final ProblemMappers edge;

    public OrderProblems(ProblemMappers edge) {
        this.edge = edge;
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unknownSkus(UnknownSkus e, HttpServerRequest request) {
        return edge.answer(Problems.unknownSkus(e.skus()), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response keyReused(IdempotencyKeyReused e, HttpServerRequest request) {
        return edge.answer(Problems.idempotencyKeyReused(e.getMessage()), request);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response outOfStock(OutOfStock e, HttpServerRequest request) {
        // never escapes order placement (it becomes a REJECTED order); a fault of the shop if it does
        LOG.errorf(e, "Failed to handle %s %s", request.method(), request.path());
        return edge.answer(Problems.internal(), request);
    }
}
