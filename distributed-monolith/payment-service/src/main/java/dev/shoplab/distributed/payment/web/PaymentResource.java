package dev.shoplab.distributed.payment.web;

import dev.shoplab.distributed.payment.application.Payments;
import dev.shoplab.distributed.payment.persistence.PaymentRow;
import dev.shoplab.distributed.payment.persistence.PaymentStore;
import dev.shoplab.edge.Problem;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import dev.shoplab.edge.RequestChecks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Payments as order-service asks for them: charge (201 captured, 402 declined, 502 when the PSP gave no
 * verdict) and refund; reads for operators and tests.
 */
@Path("/api/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    private static final String EXPECTED = "{\"orderId\": \"…uuid…\", \"amountCents\": 1999, \"paymentToken\": \"tok_ok\"}";

    private final Payments payments;
    private final PaymentStore ledger;
    private final RequestChecks checks;

    PaymentResource(Payments payments, PaymentStore ledger, RequestChecks checks) {
        this.payments = payments;
        this.ledger = ledger;
        this.checks = checks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Charge an order's amount at the PSP", description = "201 captured; 402 payment-declined;"
            + " 502 psp-unavailable when the PSP failed or did not answer (after the mesh's retries)")
    public Response charge(ChargeRequest body) {
        ChargeRequest request = checks.valid(body, EXPECTED);
        try {
            PaymentRow payment = payments.charge(request.orderId(), request.amountCents(), request.paymentToken());
            return Response.status(201).header("Location", "/api/payments/" + payment.paymentId)
                    .entity(PaymentView.of(payment)).build();
        } catch (Payments.Declined e) {
            throw new ProblemException(Problem.of("payment-declined", "Payment declined", 402, e.getMessage()));
        } catch (Payments.PspFailed e) {
            throw new ProblemException(pspUnavailable(e));
        }
    }

    @POST
    @Path("/{paymentId}/refund")
    @Operation(summary = "Refund all of a captured payment (a refunded one is answered as it is)")
    public PaymentView refund(@PathParam("paymentId") String paymentId) {
        PaymentRow payment = find(paymentId);
        try {
            return PaymentView.of(payments.refund(payment));
        } catch (Payments.NotRefundable e) {
            throw new ProblemException(Problem.of("payment-not-refundable", "Payment not refundable", 409, e.getMessage()));
        } catch (Payments.PspFailed e) {
            throw new ProblemException(pspUnavailable(e));
        }
    }

    @GET
    @Path("/{paymentId}")
    @Operation(summary = "Read a payment")
    public PaymentView read(@PathParam("paymentId") String paymentId) {
        return PaymentView.of(find(paymentId));
    }

    @GET
    @Operation(summary = "Every payment of an order (?orderId=), oldest first")
    public List<PaymentView> ofOrder(@QueryParam("orderId") String orderId) {
        return ledger.ofOrder(uuid(orderId, "orderId")).stream().map(PaymentView::of).toList();
    }

    private PaymentRow find(String paymentId) {
        UUID id = uuid(paymentId, "paymentId");
        return ledger.find(id).orElseThrow(() -> new ProblemException(Problem.of("payment-not-found",
                "Payment not found", 404, "there is no payment " + paymentId)));
    }

    private static Problem pspUnavailable(RuntimeException e) {
        return Problem.of("psp-unavailable", "PSP unavailable", 502, e.getMessage());
    }

    private static UUID uuid(String value, String name) {
        try {
            return UUID.fromString(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.malformed(name + " must be a UUID, not " + value));
        }
    }
}
