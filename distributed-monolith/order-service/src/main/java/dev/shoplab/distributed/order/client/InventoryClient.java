package dev.shoplab.distributed.order.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * inventory-service as order-service calls it: blocking, through the mesh's {@code inventory-service}
 * listener. A 409 out-of-stock is thrown as {@link OutOfStock}, any other error as {@link RemoteCallFailed}.
 */
@Path("/api")
@RegisterRestClient(configKey = "inventory-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface InventoryClient {

    /** Price and stock of a sku. */
    record StockLevel(String sku, long priceCents, int available, int reserved) {
    }

    /** The answer of a read of several skus. */
    record StockLevels(List<StockLevel> items) {
    }

    /** A reservation request: the order and its lines. */
    record ReserveRequest(UUID orderId, List<Line> lines) {
    }

    /** Units of one sku. */
    record Line(String sku, int quantity) {
    }

    /** A reservation as inventory-service answers it. */
    record Reservation(UUID orderId, String status) {
    }

    /** inventory-service has not enough units of some skus: nothing was reserved. */
    final class OutOfStock extends RuntimeException {
        public OutOfStock(String detail) {
            super(detail, null, false, false);
        }
    }

    @GET
    @Path("/inventory")
    StockLevels levels(@QueryParam("sku") List<String> skus);

    /**
     * Price and stock of one sku, named by {@link #segment(String)}: the client encodes a path parameter only as far
     * as RFC 3986 requires, and a {@code ;} left as it is starts matrix parameters at inventory-service (which then
     * read {@code SKU-1;x} as SKU-1).
     */
    @GET
    @Path("/inventory/{sku}")
    StockLevel level(@PathParam("sku") @Encoded String encodedSku);

    /** A sku as one path segment: every character but letters, digits and {@code -._*} percent-encoded (UTF-8). */
    static String segment(String sku) {
        return URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @POST
    @Path("/reservations")
    Reservation reserve(ReserveRequest request);

    @POST
    @Path("/reservations/{orderId}/confirmation")
    Reservation confirm(@PathParam("orderId") UUID orderId);

    @POST
    @Path("/reservations/{orderId}/release")
    Reservation release(@PathParam("orderId") UUID orderId);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        RemoteCallFailed failure = RemoteCallFailed.of("inventory-service", response);
        if (response.getStatus() == 409 && "out-of-stock".equals(failure.kind())) {
            return new OutOfStock(failure.detail());
        }
        return failure;
    }
}
