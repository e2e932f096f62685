package dev.shoplab.distributed.payment.application;

import dev.shoplab.distributed.payment.domain.PaymentStatus;
import dev.shoplab.distributed.payment.domain.WhatThePspAnswerMeans;
import dev.shoplab.distributed.payment.persistence.PaymentRow;
import dev.shoplab.distributed.payment.persistence.PaymentStore;
import dev.shoplab.distributed.payment.provider.PspApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Charges and refunds at the PSP: a payment row first, then the blocking PSP call (through the mesh),
 * then what it answered. No transaction is open during the call.
 */
@ApplicationScoped
public class Payments {

    private static final Logger LOG = Logger.getLogger(Payments.class);

    /** A charge the PSP declined (a business answer). */
    public static final class Declined extends RuntimeException {
        Declined(String message) {
            super(message, null, false, false);
        }
    }

    /** The PSP gave no verdict: it failed, or its answer did not come. */
    public static final class PspFailed extends RuntimeException {
        PspFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** A refund of a payment that holds no captured money. */
    public static final class NotRefundable extends RuntimeException {
        NotRefundable(String message) {
            super(message, null, false, false);
        }
    }

    private final PaymentStore ledger;
    private final PspApi psp;

    public Payments(PaymentStore ledger, @RestClient PspApi psp) {
        this.ledger = ledger;
        this.psp = psp;
    }

    /** Charges {@code amountCents} for the order; the captured payment, or {@link Declined} / {@link PspFailed}. */
    public PaymentRow charge(UUID orderId, long amountCents, String token) {
        // The payment's own id is the PSP idempotency key: when the mesh retries the call to the PSP it
        // replays these bytes, key included, and the PSP captures once.
        // Anti-pattern: when the mesh retries the call from order-service to this service, this method runs
        // again, opens a second payment with a second key, and the PSP sees a second, new charge.
        PaymentRow payment = ledger.open(orderId, amountCents);
        String key = payment.paymentId.toString();
        int status;
        PspApi.Charge charge = null;
        String refusal = null;
        try (Response answer = psp.charge(new PspApi.ChargeRequest(key, amountCents, token, orderId.toString()))) {
            status = answer.getStatus();
            if (answer.hasEntity() && (status / 100 == 2 || status == 402)) {
                charge = answer.readEntity(PspApi.Charge.class);
            } else if (answer.hasEntity()) {
                // a refusal of the request (400, 422: an unknown token …) is a problem document, not a charge
                refusal = answer.readEntity(String.class);
            }
        } catch (PspApi.PspUnavailable | ProcessingException e) {
            LOG.warnf("Charge %s of order %s: no verdict from the PSP: %s", key, orderId, e.getMessage());
            ledger.settle(payment.paymentId, PaymentStatus.FAILED, null, e.getMessage());
            throw new PspFailed("the PSP gave no verdict on the charge of order " + orderId + ": " + e.getMessage());
        }
        PaymentStatus outcome = WhatThePspAnswerMeans.ofCharge(status, charge == null ? null : charge.status());
        String chargeId = charge == null ? null : charge.chargeId();
        return switch (outcome) {
            case CAPTURED -> ledger.settle(payment.paymentId, outcome, chargeId, null);
            case DECLINED -> {
                String why = charge != null && charge.declineCode() != null ? charge.declineCode()
                        : "HTTP " + status + (refusal == null ? "" : ": " + refusal.substring(0, Math.min(200,
                        refusal.length())));
                ledger.settle(payment.paymentId, outcome, chargeId, why);
                throw new Declined("the PSP declined the payment of order " + orderId + " (" + why + ")");
            }
            default -> {
                ledger.settle(payment.paymentId, PaymentStatus.FAILED, chargeId, "HTTP " + status);
                throw new PspFailed("the PSP answered HTTP " + status + " to the charge of order " + orderId);
            }
        };
    }

    /** Refunds all of a captured payment; a refunded one is left as it is. */
    public PaymentRow refund(PaymentRow payment) {
        if (payment.status == PaymentStatus.REFUNDED) {
            return payment;
        }
        if (payment.status != PaymentStatus.CAPTURED) {
            throw new NotRefundable("payment " + payment.paymentId + " is " + payment.status + ": no money to refund");
        }
        try (Response answer = psp.refund(new PspApi.RefundRequest("refund-" + payment.paymentId, payment.pspChargeId))) {
            if (answer.getStatus() / 100 != 2) {
                throw new PspFailed("the PSP answered HTTP " + answer.getStatus() + " to the refund of payment "
                        + payment.paymentId);
            }
        } catch (PspApi.PspUnavailable | ProcessingException e) {
            throw new PspFailed("the PSP gave no verdict on the refund of payment " + payment.paymentId + ": "
                    + e.getMessage());
        }
        return ledger.settle(payment.paymentId, PaymentStatus.REFUNDED, null, null);
    }
}
