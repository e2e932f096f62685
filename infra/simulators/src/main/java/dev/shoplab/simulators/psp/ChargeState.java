package dev.shoplab.simulators.psp;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A charge as it stands now, with what was refunded: the answer to lookups and the audit's ledger row. */
record ChargeState(
        String chargeId,
        String status,
        long amountCents,
        long refundedCents,
        String idempotencyKey,
        String reference,
        String createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String declineCode) {

    static ChargeState of(Charge charge, long refundedCents) {
        return new ChargeState(charge.chargeId(), charge.status(), charge.amountCents(), refundedCents,
                charge.idempotencyKey(), charge.reference(), charge.createdAt(), charge.declineCode());
    }
}
