package dev.shoplab.eventdriven.order.web;

import dev.shoplab.edge.IdempotencyKeys;
import dev.shoplab.edge.OrderTracing;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import dev.shoplab.edge.RequestChecks;
import dev.shoplab.eventdriven.messaging.DatabaseException;
import dev.shoplab.eventdriven.messaging.EventTracing;
import dev.shoplab.eventdriven.messaging.TraceParent;
import dev.shoplab.eventdriven.order.application.OrderPlacement;
import dev.shoplab.eventdriven.order.application.OrderView;
import dev.shoplab.eventdriven.order.domain.OrderLimits;
import dev.shoplab.eventdriven.order.domain.PlaceOrder;
import dev.shoplab.eventdriven.order.domain.SameKeyMeansSameRequest;
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

/**
 * {@code POST /api/orders} answers 202 with the PENDING order and its Location as soon as the order and its
 * OrderPlaced event are committed (the saga concludes it later; poll {@code GET /api/orders/{id}}). Bad input
 * is a 4xx problem and writes nothing; a repeated Idempotency-Key with the same body replays the order.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private static final String EXPECTED = "{\"customerId\": \"…\", \"lines\": [{\"sku\": \"SKU-0001\", \"quantity\": 1}],"
            + " \"paymentToken\": \"tok_ok\"}";

    private final OrderPlacement orders;
    private final RequestChecks checks;
    private final EventTracing tracing;

    OrderResource(OrderPlacement orders, RequestChecks checks, EventTracing tracing) {
        this.orders = orders;
        this.checks = checks;
        this.tracing = tracing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(OrderRequest body,
                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                          @HeaderParam(TraceParent.HEADER) String traceparent) {
        PlaceOrder request = checks.valid(body, EXPECTED).toCommand();
        String key = IdempotencyKeys.valid(idempotencyKey, OrderLimits.MAX_IDEMPOTENCY_KEY_LENGTH);
        OrderPlacement.Placement placement;
        try {
            placement = orders.place(request, key, tracing.current(traceparent));
        } catch (DatabaseException e) {
            if (key == null) {
                throw e;
            }
            // A concurrent request with the same key committed first: answer as its repeat.
            placement = orders.earlier(key, SameKeyMeansSameRequest.fingerprint(request)).orElseThrow(() -> e);
        }
        return answer(placement);
    }

    @GET
    @Path("/{id}")
    public OrderView find(@PathParam("id") String id) {
        UUID orderId;
        try {
            orderId = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw new ProblemException(Problems.orderNotFound(id));
        }
        return orders.find(orderId).orElseThrow(() -> new ProblemException(Problems.orderNotFound(id)));
    }

    private static Response answer(OrderPlacement.Placement placement) {
        if (placement instanceof OrderPlacement.Accepted accepted) {
            OrderTracing.tag(accepted.order().orderId());
            return Response.accepted(accepted.order())
                    .header("Location", "/api/orders/" + accepted.order().orderId()).build();
        }
        if (placement instanceof OrderPlacement.Replayed replayed) {
            OrderTracing.tag(replayed.order().orderId());
            return Response.status(replayed.order().concluded() ? 201 : 202).entity(replayed.order())
                    .header("Location", "/api/orders/" + replayed.order().orderId())
                    .header("Idempotent-Replayed", "true").build();
        }
        if (placement instanceof OrderPlacement.KeyReused reused) {
            throw new ProblemException(Problems.idempotencyKeyReused("the Idempotency-Key " + reused.key()
                    + " was used for another request"));
        }
        throw new ProblemException(Problems.unknownSkus(((OrderPlacement.UnknownSkus) placement).skus()));
    }
}
