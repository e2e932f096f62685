package dev.shoplab.monolith.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.monolith.payment.api.PaymentStatus;
import dev.shoplab.monolith.payment.domain.WhatThePspAnswerMeans.FirstAnswer;
import dev.shoplab.monolith.payment.domain.WhatThePspAnswerMeans.Lookup;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the shop reads the PSP's answers, and how often it checks for a late capture. */
class PaymentRulesTest {

    @Test
    void a_captured_answer_captures_and_a_402_declines() {
        assertThat(WhatThePspAnswerMeans.ofChargeAnswer(201, "captured")).isEqualTo(FirstAnswer.CAPTURED);
        assertThat(WhatThePspAnswerMeans.ofChargeAnswer(402, "declined")).isEqualTo(FirstAnswer.DECLINED);
        assertThat(WhatThePspAnswerMeans.ofChargeAnswer(400, null)).as("an instrument the PSP refuses")
                .isEqualTo(FirstAnswer.DECLINED);
    }

    @Test
    void an_error_answer_leaves_the_charge_open_and_needs_a_lookup() {
        for (int status : new int[] {500, 502, 503, 429, 409}) {
            FirstAnswer answer = WhatThePspAnswerMeans.ofChargeAnswer(status, null);
            assertThat(answer).isEqualTo(FirstAnswer.NO_VERDICT);
            assertThat(WhatThePspAnswerMeans.needsLookup(answer)).isTrue();
        }
        assertThat(WhatThePspAnswerMeans.needsLookup(FirstAnswer.NO_ANSWER)).isTrue();
        assertThat(WhatThePspAnswerMeans.needsLookup(FirstAnswer.NOT_SENT)).isFalse();
    }

    @Test
    void a_lookup_that_finds_the_charge_decides_it() {
        for (FirstAnswer open : new FirstAnswer[] {FirstAnswer.NO_VERDICT, FirstAnswer.NO_ANSWER}) {
            assertThat(WhatThePspAnswerMeans.outcome(open, Lookup.CAPTURED)).isEqualTo(PaymentStatus.CAPTURED);
            assertThat(WhatThePspAnswerMeans.outcome(open, Lookup.DECLINED)).isEqualTo(PaymentStatus.DECLINED);
            assertThat(WhatThePspAnswerMeans.outcome(open, Lookup.FAILED)).isEqualTo(PaymentStatus.UNKNOWN);
            assertThat(WhatThePspAnswerMeans.outcome(open, Lookup.IN_PROGRESS)).as("the PSP may still capture it")
                    .isEqualTo(PaymentStatus.UNKNOWN);
        }
    }

    @Test
    void no_charge_found_after_an_answer_means_no_money_moved_but_after_silence_it_proves_nothing() {
        assertThat(WhatThePspAnswerMeans.outcome(FirstAnswer.NO_VERDICT, Lookup.NOT_FOUND))
                .isEqualTo(PaymentStatus.NOT_CHARGED);
        assertThat(WhatThePspAnswerMeans.outcome(FirstAnswer.NO_ANSWER, Lookup.NOT_FOUND))
                .as("the request may still be on its way").isEqualTo(PaymentStatus.UNKNOWN);
    }

    @Test
    void a_refused_connection_means_nothing_was_charged() {
        assertThat(WhatThePspAnswerMeans.outcome(FirstAnswer.NOT_SENT)).isEqualTo(PaymentStatus.NOT_CHARGED);
    }

    @Test
    void reads_lookup_answers() {
        assertThat(WhatThePspAnswerMeans.ofLookupAnswer(200, "captured")).isEqualTo(Lookup.CAPTURED);
        assertThat(WhatThePspAnswerMeans.ofLookupAnswer(200, "declined")).isEqualTo(Lookup.DECLINED);
        assertThat(WhatThePspAnswerMeans.ofLookupAnswer(404, null)).isEqualTo(Lookup.NOT_FOUND);
        assertThat(WhatThePspAnswerMeans.ofLookupAnswer(409, null)).as("409 charge-in-progress")
                .isEqualTo(Lookup.IN_PROGRESS);
        assertThat(WhatThePspAnswerMeans.ofLookupAnswer(503, null)).isEqualTo(Lookup.FAILED);
    }

    @Test
    void late_capture_checks_back_off_from_one_second_to_one_minute() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(Duration.between(now, LateCapturesAreCheckedWithBackoff.nextCheck(now, 0))).hasSeconds(1);
        assertThat(Duration.between(now, LateCapturesAreCheckedWithBackoff.nextCheck(now, 1))).hasSeconds(2);
        assertThat(Duration.between(now, LateCapturesAreCheckedWithBackoff.nextCheck(now, 3))).hasSeconds(8);
        assertThat(Duration.between(now, LateCapturesAreCheckedWithBackoff.nextCheck(now, 40))).hasSeconds(60);
    }

    @Test
    void the_late_capture_window_closes_at_its_end() {
        Instant end = Instant.parse("2026-01-01T00:02:00Z");

        assertThat(LateCapturesAreCheckedWithBackoff.windowClosed(end.minusMillis(1), end)).isFalse();
        assertThat(LateCapturesAreCheckedWithBackoff.windowClosed(end, end)).isTrue();
    }
}
