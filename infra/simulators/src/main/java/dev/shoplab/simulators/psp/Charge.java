package dev.shoplab.simulators.psp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One charge as the PSP answered it when it was created; this exact shape is replayed for a
 * repeated idempotency key. Immutable: what was refunded since is in {@link ChargeState}.
 */
record Charge(
        String chargeId,
        String status,
        long amountCents,
        String idempotencyKey,
        String reference,
        String createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String declineCode,
        @JsonIgnore String token) {

    static final String CAPTURED = "captured";
    static final String DECLINED = "declined";

    @JsonIgnore
    boolean captured() {
        return CAPTURED.equals(status);
    }

    /** 201 for a capture, 402 for a business decline. */
    @JsonIgnore
    int httpStatus() {
        return captured() ? 201 : 402;
    }
}
