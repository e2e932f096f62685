package dev.shoplab.simulators.psp;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** One refund of (part of) a captured charge; answered, replayed and listed in the ledger as is. */
record Refund(
        String refundId,
        String chargeId,
        long amountCents,
        String idempotencyKey,
        String createdAt,
        @JsonIgnore Long requestedCents) {
}
