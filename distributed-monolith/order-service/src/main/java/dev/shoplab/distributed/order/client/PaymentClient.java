package dev.shoplab.distributed.order.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * payment-service as order-service calls it: blocking, through the mesh's {@code payment-service}
 * listener. A 402 is thrown as {@link PaymentDeclined}, any other error as {@link RemoteCallFailed}.
 */
@Path("/api/payments")
@RegisterRestClient(configKey = "payment-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface PaymentClient {

    /** Charge this amount for this order with this token. */
    record ChargeRequest(UUID orderId, long amountCents, String paymentToken) {
    }

    /** A payment as payment-service answers it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payment(UUID paymentId, UUID orderId, String status, long amountCents) {
    }

    /** The PSP declined the payment (a business answer). */
    final class PaymentDeclined extends RuntimeException {
        public PaymentDeclined(String detail) {
            super(detail, null, false, false);
        }
    }

    @POST
    Payment charge(ChargeRequest request);

    @POST
    @Path("/{paymentId}/refund")
    Payment refund(@PathParam("paymentId") UUID paymentId);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        RemoteCallFailed failure = RemoteCallFailed.of("payment-service", response);
        if (response.getStatus() == 402) {
            return new PaymentDeclined(failure.detail());
        }
        return failure;
    }
}
