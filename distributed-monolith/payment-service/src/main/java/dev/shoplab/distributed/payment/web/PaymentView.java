package dev.shoplab.distributed.payment.web;

import dev.shoplab.distributed.payment.domain.PaymentStatus;
import dev.shoplab.distributed.payment.persistence.PaymentRow;
import java.util.UUID;

/** A payment as the API shows it. */
public record PaymentView(UUID paymentId, UUID orderId, PaymentStatus status, long amountCents, String pspChargeId) {

    static PaymentView of(PaymentRow row) {
        return new PaymentView(row.paymentId, row.orderId, row.status, row.amountCents, row.pspChargeId);
    }
}
