package dev.shoplab.monolith.payment.api;

import java.util.Optional;

/**
 * What a lookup of an order's charge at the PSP found ({@link PaymentApi#lookUp}): a result to conclude the order
 * with; nothing yet, the PSP still holding the charge ({@code 409 charge-in-progress}); or nothing, the PSP not
 * answering (unreachable, timed out, a 5xx).
 *
 * @param result       what the PSP holds for the charge; empty when it cannot tell yet or was not reached
 * @param pspAnswered  false only when the PSP could not be asked
 */
public record PaymentLookup(Optional<PaymentResult> result, boolean pspAnswered) {

    /** The PSP holds this result for the charge ({@code UNKNOWN} when it has no such charge). */
    public static PaymentLookup found(PaymentResult result) {
        return new PaymentLookup(Optional.of(result), true);
    }

    /** The PSP answered that it still holds the charge: ask again later. */
    public static PaymentLookup inProgress() {
        return new PaymentLookup(Optional.empty(), true);
    }

    /** The PSP could not be asked. */
    public static PaymentLookup unanswered() {
        return new PaymentLookup(Optional.empty(), false);
    }
}
