package dev.shoplab.distributed.payment.provider;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The PSP's HTTP API as payment-service uses it, a Quarkus REST client whose base URL is the mesh's
 * {@code psp-simulator} listener. 2xx and 4xx answers are returned to be read; a 5xx is thrown as
 * {@link PspUnavailable}.
 */
@Path("/psp")
@RegisterRestClient(configKey = "psp")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface PspApi {

    /** A charge; {@code reference} is the order id, which the bench's audit matches money to orders by. */
    public record ChargeRequest(String idempotencyKey, long amountCents, String token, String reference) {
    }

    /** A refund of the whole remainder of a charge. */
    public record RefundRequest(String idempotencyKey, String chargeId) {
    }

    /** A charge as the PSP describes it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Charge(String chargeId, String status, long amountCents, String declineCode) {
    }

    /** The PSP answered 5xx (after the mesh's retries). */
    public final class PspUnavailable extends RuntimeException {
        public PspUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    @POST
    @Path("/charges")
    public Response charge(ChargeRequest request);

    @POST
    @Path("/refunds")
    public Response refund(RefundRequest request);

    @ClientExceptionMapper
    public static RuntimeException toException(Response response) {
        if (response.getStatus() < 500) {
            return null;
        }
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new PspUnavailable("the PSP answered " + response.getStatus()
                + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
    }
}
