package dev.shoplab.monolith.payment.provider;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The PSP's HTTP API as the shop uses it (a Quarkus REST client; answers are read whatever their status). */
@Path("/psp")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface PspApi {

    /** A charge request; the idempotency key makes a repeated request return the first charge. */
    public record ChargeRequest(String idempotencyKey, long amountCents, String token, String reference) {
    }

    /** A refund of the whole remainder of a charge. */
    public record RefundRequest(String idempotencyKey, String chargeId) {
    }

    /** A charge as the PSP describes it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Charge(String chargeId, String status, long amountCents, long refundedCents, String declineCode) {
    }

    @POST
    @Path("/charges")
    public Response charge(ChargeRequest request);

    @GET
    @Path("/charges")
    public Response chargeByKey(@QueryParam("idempotencyKey") String idempotencyKey);

    @POST
    @Path("/refunds")
    public Response refund(RefundRequest request);
}
