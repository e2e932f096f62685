package dev.shoplab.monolith.payment.api;

/** What came of a charge: its status, the PSP's charge id when there is one, and a line saying why. */
public record PaymentResult(PaymentStatus status, String chargeId, String detail) {

    public static PaymentResult captured(String chargeId) {
        return new PaymentResult(PaymentStatus.CAPTURED, chargeId, "captured");
    }

    public static PaymentResult declined(String chargeId, String detail) {
        return new PaymentResult(PaymentStatus.DECLINED, chargeId, detail);
    }

    public static PaymentResult notCharged(String detail) {
        return new PaymentResult(PaymentStatus.NOT_CHARGED, null, detail);
    }

    public static PaymentResult unknown(String detail) {
        return new PaymentResult(PaymentStatus.UNKNOWN, null, detail);
    }
}
