package dev.shoplab.eventdriven.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaymentRulesTest {

    @Test
    void charges_when_the_second_of_the_two_facts_arrives_in_either_order() {
        assertThat(PaymentStatus.NEW.onOrderPlaced().onStockReserved()).isEqualTo(PaymentStatus.CHARGING);
        assertThat(PaymentStatus.NEW.onStockReserved().onOrderPlaced()).isEqualTo(PaymentStatus.CHARGING);
    }

    @Test
    void never_charges_once_the_stock_reservation_failed_whatever_arrives_later() {
        assertThat(PaymentStatus.NEW.onStockReservationFailed().onOrderPlaced()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(PaymentStatus.NEW.onOrderPlaced().onStockReservationFailed()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(PaymentStatus.CHARGING.onStockReservationFailed()).isEqualTo(PaymentStatus.CHARGING);
        assertThat(PaymentStatus.CAPTURED.onStockReserved()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void tells_a_request_that_moved_no_money_from_one_whose_outcome_is_unknown() {
        assertThat(WhatThePspAnswerMeans.ofAnswer(201, "captured")).isEqualTo(WhatThePspAnswerMeans.CAPTURED);
        assertThat(WhatThePspAnswerMeans.ofAnswer(402, "declined")).isEqualTo(WhatThePspAnswerMeans.DECLINED);
        assertThat(WhatThePspAnswerMeans.ofAnswer(400, null)).isEqualTo(WhatThePspAnswerMeans.DECLINED);
        assertThat(WhatThePspAnswerMeans.ofAnswer(503, null)).isEqualTo(WhatThePspAnswerMeans.NOT_PROCESSED);
        assertThat(WhatThePspAnswerMeans.ofAnswer(500, null)).isEqualTo(WhatThePspAnswerMeans.OUTCOME_UNKNOWN);
        assertThat(WhatThePspAnswerMeans.ofAnswer(409, null)).isEqualTo(WhatThePspAnswerMeans.OUTCOME_UNKNOWN);
        assertThat(WhatThePspAnswerMeans.ofNoAnswer(false)).isEqualTo(WhatThePspAnswerMeans.NOT_PROCESSED);
        assertThat(WhatThePspAnswerMeans.ofNoAnswer(true)).isEqualTo(WhatThePspAnswerMeans.OUTCOME_UNKNOWN);
    }

    @Test
    void backs_off_exponentially_with_jitter_up_to_the_bound_then_stops() {
        ChargesAreRetriedWithBackoff policy = new ChargesAreRetriedWithBackoff(5, Duration.ofMillis(200), Duration.ofMillis(1000));

        assertThat(policy.delayAfter(1, () -> 1.0)).contains(Duration.ofMillis(200));
        assertThat(policy.delayAfter(2, () -> 1.0)).contains(Duration.ofMillis(400));
        assertThat(policy.delayAfter(3, () -> 0.0)).contains(Duration.ofMillis(400));
        assertThat(policy.delayAfter(4, () -> 1.0)).contains(Duration.ofMillis(1000));
        assertThat(policy.delayAfter(5, () -> 1.0)).isEmpty();
        assertThat(policy.worstCaseWait()).isEqualTo(Duration.ofMillis(200 + 400 + 800 + 1000));
    }

    @Test
    void the_default_bound_rides_out_a_twenty_second_psp_outage() {
        ChargesAreRetriedWithBackoff defaults = new ChargesAreRetriedWithBackoff(12, Duration.ofMillis(200), Duration.ofSeconds(6));

        Duration shortestTotalWait = Duration.ZERO;
        for (int n = 1; n < 12; n++) {
            shortestTotalWait = shortestTotalWait.plus(defaults.delayAfter(n, () -> 0.0).orElseThrow());
        }
        assertThat(shortestTotalWait).isGreaterThan(Duration.ofSeconds(20));
    }
}
