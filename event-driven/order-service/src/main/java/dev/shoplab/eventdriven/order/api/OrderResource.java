package dev.shoplab.eventdriven.order.api;

import dev.shoplab.eventdriven.messaging.TraceParent;
import dev.shoplab.eventdriven.order.OrderView;
import dev.shoplab.eventdriven.order.Orders;
import dev.shoplab.eventdriven.order.domain.OrderLimits;
import dev.shoplab.eventdriven.order.domain.OrderRequest;
import dev.shoplab.eventdriven.order.domain.OrderRules;
import dev.shoplab.eventdriven.order.domain.RequestFingerprint;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code POST /api/orders} answers 202 with the PENDING order and its Location as soon as the order and its
 * OrderPlaced event are committed (the saga concludes it later; poll {@code GET /api/orders/{id}}). Bad input
 * is a 4xx problem and writes nothing; a repeated Idempotency-Key with the same body replays the order.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    Orders orders;

    @POST
    public Response place(byte[] body, @HeaderParam("Content-Type") String contentType,
                          @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                          @HeaderParam(TraceParent.HEADER) String traceparent) {
        requireJson(contentType);
        if (body != null && body.length > OrderLimits.MAX_BODY_BYTES) {
            throw Problems.payloadTooLarge(OrderLimits.MAX_BODY_BYTES).asException();
        }
        OrderRequest request = OrderRequestReader.read(body);
        List<OrderRules.Violation> violations = OrderRules.violations(request);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > OrderLimits.MAX_IDEMPOTENCY_KEY)) {
            violations = new ArrayList<>(violations);
            violations.add(new OrderRules.Violation(IDEMPOTENCY_KEY, "must be 1 to " + OrderLimits.MAX_IDEMPOTENCY_KEY
                    + " characters, not blank"));
        }
        if (!violations.isEmpty()) {
            throw Problems.validation(violations).asException();
        }
        Orders.Placement placement;
        try {
            placement = orders.place(request, idempotencyKey, TraceParent.continueOrStart(traceparent));
        } catch (PersistenceException e) {
            if (idempotencyKey == null) {
                throw e;
            }
            // A concurrent request with the same key committed first: answer as its repeat.
            placement = orders.earlier(idempotencyKey, RequestFingerprint.of(request)).orElseThrow(() -> e);
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
            throw Problems.orderNotFound(id).asException();
        }
        return orders.find(orderId).orElseThrow(() -> Problems.orderNotFound(id).asException());
    }

    private static Response answer(Orders.Placement placement) {
        if (placement instanceof Orders.Accepted accepted) {
            return Response.accepted(accepted.order())
                    .header("Location", "/api/orders/" + accepted.order().orderId()).build();
        }
        if (placement instanceof Orders.Replayed replayed) {
            return Response.status(replayed.order().concluded() ? 201 : 202).entity(replayed.order())
                    .header("Location", "/api/orders/" + replayed.order().orderId())
                    .header("Idempotent-Replayed", "true").build();
        }
        if (placement instanceof Orders.KeyReused reused) {
            throw Problems.idempotencyKeyReused(reused.key()).asException();
        }
        throw Problems.unknownSkus(((Orders.UnknownSkus) placement).skus()).asException();
    }

    private static void requireJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw Problems.unsupportedMediaType(contentType).asException();
        }
    }
}
