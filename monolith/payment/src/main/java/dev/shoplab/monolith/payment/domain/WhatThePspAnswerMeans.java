package dev.shoplab.monolith.payment.domain;

import dev.shoplab.monolith.payment.api.PaymentStatus;

/**
 * How the shop reads the PSP. A clear answer (captured, declined) decides the charge. Anything else
 * is looked up by the idempotency key (the order id), and the lookup decides, with two subtleties:
 * when the first request got no answer at all, "no such charge" does not prove that none will
 * appear (the request may still be on its way), so the outcome stays unknown; when the PSP did
 * answer, the request is over on its side and "no such charge" means no money moved. And while the
 * PSP still holds a charge with the key, not handled yet (it answers {@code 409 charge-in-progress},
 * docs/adr/0022), nobody can tell: the outcome stays unknown, and the shop keeps asking.
 */
public final class WhatThePspAnswerMeans {

    private WhatThePspAnswerMeans() {
    }

    /** What the first charge request brought back. */
    public enum FirstAnswer {
        CAPTURED,
        DECLINED,
        /** The connection was refused: the request never left the shop. */
        NOT_SENT,
        /** The PSP answered without a verdict (503, 500, 429, a conflict…). */
        NO_VERDICT,
        /** No answer came (timeout, connection lost mid-request). */
        NO_ANSWER
    }

    /** What a lookup by idempotency key brought back. */
    public enum Lookup {
        CAPTURED,
        DECLINED,
        NOT_FOUND,
        /**
         * 409: the PSP has received a charge with the key and not handled it yet (it may still capture it); ask
         * again later, also after the late-capture window has closed (docs/adr/0022).
         */
        IN_PROGRESS,
        /** The lookup itself failed (PSP unreachable or silent, or an answer that says nothing of the charge). */
        FAILED
    }

    /** Reads the HTTP answer to a charge request. */
    public static FirstAnswer ofChargeAnswer(int httpStatus, String chargeStatus) {
        if ((httpStatus == 200 || httpStatus == 201) && "captured".equals(chargeStatus)) {
            return FirstAnswer.CAPTURED;
        }
        if (httpStatus == 402 || httpStatus == 400 || httpStatus == 422) {
            // 402: declined; 400/422: the PSP refuses the payment instrument, a decline as far as the order goes
            return FirstAnswer.DECLINED;
        }
        return FirstAnswer.NO_VERDICT;
    }

    /**
     * Reads the HTTP answer to a lookup by idempotency key: 200 with the charge's status, 404 none (the only answer
     * that says no charge exists), 409 one in progress (infra/simulators/README.md, PSP; Stripe's
     * {@code idempotency_key_in_use}); anything else tells nothing.
     */
    public static Lookup ofLookupAnswer(int httpStatus, String chargeStatus) {
        if (httpStatus == 200 && "captured".equals(chargeStatus)) {
            return Lookup.CAPTURED;
        }
        if (httpStatus == 200 && "declined".equals(chargeStatus)) {
            return Lookup.DECLINED;
        }
        return switch (httpStatus) {
            case 404 -> Lookup.NOT_FOUND;
            case 409 -> Lookup.IN_PROGRESS;
            default -> Lookup.FAILED;
        };
    }

    /** Whether the first answer leaves the charge open, so that it must be looked up. */
    public static boolean needsLookup(FirstAnswer first) {
        return first == FirstAnswer.NO_VERDICT || first == FirstAnswer.NO_ANSWER;
    }

    /** The outcome of a first answer that needs no lookup. */
    public static PaymentStatus outcome(FirstAnswer first) {
        return switch (first) {
            case CAPTURED -> PaymentStatus.CAPTURED;
            case DECLINED -> PaymentStatus.DECLINED;
            case NOT_SENT -> PaymentStatus.NOT_CHARGED;
            case NO_VERDICT, NO_ANSWER -> throw new IllegalArgumentException(first + " needs a lookup");
        };
    }

    /** The outcome once a first answer without verdict has been looked up. */
    public static PaymentStatus outcome(FirstAnswer first, Lookup lookup) {
        if (!needsLookup(first)) {
            return outcome(first);
        }
        return switch (lookup) {
            case CAPTURED -> PaymentStatus.CAPTURED;
            case DECLINED -> PaymentStatus.DECLINED;
            case NOT_FOUND -> first == FirstAnswer.NO_VERDICT ? PaymentStatus.NOT_CHARGED : PaymentStatus.UNKNOWN;
            case IN_PROGRESS, FAILED -> PaymentStatus.UNKNOWN;
        };
    }
}
