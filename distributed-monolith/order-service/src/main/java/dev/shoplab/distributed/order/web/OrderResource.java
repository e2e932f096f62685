package dev.shoplab.distributed.order.web;

import dev.shoplab.distributed.order.application.OrderPlacement;
import dev.shoplab.distributed.order.application.OrderProblems;
import dev.shoplab.distributed.order.application.OrderView;
import dev.shoplab.distributed.order.application.PlacedOrder;
import dev.shoplab.distributed.order.domain.OrderLimits;
import dev.shoplab.edge.IdempotencyKeys;
import dev.shoplab.edge.OrderTracing;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import dev.shoplab.edge.RequestChecks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code POST /api/orders} and {@code GET /api/orders/{id}}, the public API (identical for the three
 * architectures). Runs on worker threads: placing an order blocks on four other services.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private static final String EXPECTED = "{\"customerId\": \"…\", \"lines\": [{\"sku\": \"SKU-0001\", \"quantity\": 1}],"
            + " \"paymentToken\": \"tok_ok\"}";

    private final OrderPlacement orders;
    private final RequestChecks checks;

    OrderResource(OrderPlacement orders, RequestChecks checks) {
        this.orders = orders;
        this.checks = checks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order", description = "Reserves stock, charges the payment token, confirms and"
            + " answers 201 with the concluded order (CONFIRMED, REJECTED or FAILED). A repeat with the same"
            + " Idempotency-Key and body answers the first order; the same key with another body answers 409.")
    public Response place(OrderRequest body,
                          @Parameter(description = "Makes a retried request return the first order")
                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        OrderRequest request = checks.valid(body, EXPECTED);
        PlacedOrder placed = orders.place(request.toCommand(),
                IdempotencyKeys.valid(idempotencyKey, OrderLimits.MAX_IDEMPOTENCY_KEY_LENGTH));
        OrderView order = OrderView.of(placed.order());
        OrderTracing.tag(order.orderId());
        Response.ResponseBuilder answer = Response.status(order.status().terminal() ? 201 : 202)
                .header("Location", "/api/orders/" + order.orderId())
                .entity(order);
        if (placed.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an order")
    public OrderView find(@PathParam("id") String id) {
        UUID orderId;
        try {
            orderId = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw new ProblemException(Problems.orderNotFound(id));
        }
        return orders.find(orderId).map(OrderView::of)
                .orElseThrow(() -> new ProblemException(Problems.orderNotFound(id)));
    }
}
