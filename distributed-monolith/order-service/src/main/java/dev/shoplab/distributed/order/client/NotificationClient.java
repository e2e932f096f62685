package dev.shoplab.distributed.order.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * notification-service as order-service calls it: blocking, through the mesh's
 * {@code notification-service} listener. Any error is thrown as {@link RemoteCallFailed}.
 */
@Path("/api/notifications")
@RegisterRestClient(configKey = "notification-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface NotificationClient {

    /** Tell this customer how this order ended ({@code kind}: order-confirmed, order-rejected, order-failed). */
    record NotifyRequest(UUID orderId, String customerId, String kind) {
    }

    @POST
    Response send(NotifyRequest request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RemoteCallFailed.of("notification-service", response);
    }
}
