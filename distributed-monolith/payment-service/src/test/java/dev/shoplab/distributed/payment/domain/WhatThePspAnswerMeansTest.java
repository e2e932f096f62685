package dev.shoplab.distributed.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How payment-service reads the PSP, as plain Java. */
class WhatThePspAnswerMeansTest {

    @Test
    void a_201_with_a_captured_charge_is_captured() {
        assertThat(WhatThePspAnswerMeans.ofCharge(201, "captured")).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void a_402_and_a_refused_instrument_are_declines() {
        assertThat(WhatThePspAnswerMeans.ofCharge(402, "declined")).isEqualTo(PaymentStatus.DECLINED);
        assertThat(WhatThePspAnswerMeans.ofCharge(400, null)).isEqualTo(PaymentStatus.DECLINED);
        assertThat(WhatThePspAnswerMeans.ofCharge(422, null)).isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void any_other_answer_has_no_verdict_and_fails_the_payment() {
        assertThat(WhatThePspAnswerMeans.ofCharge(503, null)).isEqualTo(PaymentStatus.FAILED);
        assertThat(WhatThePspAnswerMeans.ofCharge(409, null)).isEqualTo(PaymentStatus.FAILED);
        assertThat(WhatThePspAnswerMeans.ofCharge(201, "pending")).isEqualTo(PaymentStatus.FAILED);
    }
}
