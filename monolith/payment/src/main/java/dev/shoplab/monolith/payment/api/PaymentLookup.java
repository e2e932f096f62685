package dev.shoplab.monolith.payment.api;

import java.util.Optional;

/**
 * What a lookup of an order's charge at the PSP found ({@link PaymentApi#lookUp}): a result to conclude the order
 * with; no result yet, the PSP still holding the charge ({@code 409 charge-in-progress}); or nothing at all, the
 * lookup having failed (no answer — unreachable, timed out — or an answer that says nothing of the charge, such as a
 * 5xx or a 429).
 *
 * @param result what the PSP holds for the charge; empty when it cannot tell yet or the lookup failed
 * @param told   whether the PSP told anything of the charge; false only when the lookup failed
 */
public record PaymentLookup(Optional<PaymentResult> result, boolean told) {

    public PaymentLookup {
        if (result.isPresent() && !told) {
            throw new IllegalArgumentException("a lookup that found a result has told something");
        }
    }

    /** The PSP holds this result for the charge ({@code UNKNOWN} when it has no such charge). */
    public static PaymentLookup found(PaymentResult result) {
        return new PaymentLookup(Optional.of(result), true);
    }

    /** The PSP answered that it still holds the charge: ask again later. */
    public static PaymentLookup inProgress() {
        return new PaymentLookup(Optional.empty(), true);
    }

    /** The lookup failed: no answer, or one that says nothing of the charge. */
    public static PaymentLookup failed() {
        return new PaymentLookup(Optional.empty(), false);
    }
}
