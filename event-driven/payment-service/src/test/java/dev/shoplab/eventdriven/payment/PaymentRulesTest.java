package dev.shoplab.eventdriven.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.eventdriven.payment.domain.ChargeVerdict;
import dev.shoplab.eventdriven.payment.domain.PaymentState;
import dev.shoplab.eventdriven.payment.domain.RetryPolicy;
import dev.shoplab.eventdriven.testing.DomainRules;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaymentRulesTest {

    @Test
    void charges_when_the_second_of_the_two_facts_arrives_in_either_order() {
        assertThat(PaymentState.NEW.onOrderPlaced().onStockReserved()).isEqualTo(PaymentState.CHARGING);
        assertThat(PaymentState.NEW.onStockReserved().onOrderPlaced()).isEqualTo(PaymentState.CHARGING);
    }

    @Test
    void never_charges_once_the_stock_reservation_failed_whatever_arrives_later() {
        assertThat(PaymentState.NEW.onStockReservationFailed().onOrderPlaced()).isEqualTo(PaymentState.CANCELLED);
        assertThat(PaymentState.NEW.onOrderPlaced().onStockReservationFailed()).isEqualTo(PaymentState.CANCELLED);
        assertThat(PaymentState.CHARGING.onStockReservationFailed()).isEqualTo(PaymentState.CHARGING);
        assertThat(PaymentState.CAPTURED.onStockReserved()).isEqualTo(PaymentState.CAPTURED);
    }

    @Test
    void tells_a_request_that_moved_no_money_from_one_whose_outcome_is_unknown() {
        assertThat(ChargeVerdict.ofAnswer(201, "captured")).isEqualTo(ChargeVerdict.CAPTURED);
        assertThat(ChargeVerdict.ofAnswer(402, "declined")).isEqualTo(ChargeVerdict.DECLINED);
        assertThat(ChargeVerdict.ofAnswer(400, null)).isEqualTo(ChargeVerdict.DECLINED);
        assertThat(ChargeVerdict.ofAnswer(503, null)).isEqualTo(ChargeVerdict.NOT_PROCESSED);
        assertThat(ChargeVerdict.ofAnswer(500, null)).isEqualTo(ChargeVerdict.OUTCOME_UNKNOWN);
        assertThat(ChargeVerdict.ofAnswer(409, null)).isEqualTo(ChargeVerdict.OUTCOME_UNKNOWN);
        assertThat(ChargeVerdict.ofNoAnswer(false)).isEqualTo(ChargeVerdict.NOT_PROCESSED);
        assertThat(ChargeVerdict.ofNoAnswer(true)).isEqualTo(ChargeVerdict.OUTCOME_UNKNOWN);
    }

    @Test
    void backs_off_exponentially_with_jitter_up_to_the_bound_then_stops() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofMillis(1000));

        assertThat(policy.delayAfter(1, () -> 1.0)).contains(Duration.ofMillis(200));
        assertThat(policy.delayAfter(2, () -> 1.0)).contains(Duration.ofMillis(400));
        assertThat(policy.delayAfter(3, () -> 0.0)).contains(Duration.ofMillis(400));
        assertThat(policy.delayAfter(4, () -> 1.0)).contains(Duration.ofMillis(1000));
        assertThat(policy.delayAfter(5, () -> 1.0)).isEmpty();
        assertThat(policy.worstCaseWait()).isEqualTo(Duration.ofMillis(200 + 400 + 800 + 1000));
    }

    @Test
    void the_default_bound_rides_out_a_twenty_second_psp_outage() {
        RetryPolicy defaults = new RetryPolicy(12, Duration.ofMillis(200), Duration.ofSeconds(6));

        Duration shortestTotalWait = Duration.ZERO;
        for (int n = 1; n < 12; n++) {
            shortestTotalWait = shortestTotalWait.plus(defaults.delayAfter(n, () -> 0.0).orElseThrow());
        }
        assertThat(shortestTotalWait).isGreaterThan(Duration.ofSeconds(20));
    }

    @Test
    void payment_domain_imports_no_framework() {
        DomainRules.assertDomainImportsNoFramework("dev.shoplab.eventdriven.payment");
    }
}
