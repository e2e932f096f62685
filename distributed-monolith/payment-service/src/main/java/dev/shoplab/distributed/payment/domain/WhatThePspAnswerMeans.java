package dev.shoplab.distributed.payment.domain;

/**
 * How payment-service reads the PSP's answer to a charge: 201 captured; 402 declined, and 400/422
 * too (the PSP refuses the payment instrument: a decline as far as the order goes); any other answer
 * has no verdict and the payment failed.
 */
public final class WhatThePspAnswerMeans {

    private WhatThePspAnswerMeans() {
    }

    public static PaymentStatus ofCharge(int httpStatus, String chargeStatus) {
        if ((httpStatus == 200 || httpStatus == 201) && "captured".equals(chargeStatus)) {
            return PaymentStatus.CAPTURED;
        }
        if (httpStatus == 402 || httpStatus == 400 || httpStatus == 422) {
            return PaymentStatus.DECLINED;
        }
        // Anti-pattern: an answer without a verdict (a 5xx the mesh gave up retrying, a timeout, a 409
        // charge-in-progress while the PSP still holds an earlier try with the same key, docs/adr/0022) is taken as
        // "not charged"; nobody asks the PSP whether the charge was captured after all.
        return PaymentStatus.FAILED;
    }
}
