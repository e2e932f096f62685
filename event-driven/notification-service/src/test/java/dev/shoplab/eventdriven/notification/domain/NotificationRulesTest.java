package dev.shoplab.eventdriven.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {

    @Test
    void every_terminal_order_event_calls_for_one_kind_of_mail_and_nothing_else_does() {
        assertThat(NotificationKind.forEvent("OrderConfirmed")).contains(NotificationKind.ORDER_CONFIRMED);
        assertThat(NotificationKind.forEvent("OrderRejected")).contains(NotificationKind.ORDER_REJECTED);
        assertThat(NotificationKind.forEvent("OrderFailed")).contains(NotificationKind.ORDER_FAILED);
        assertThat(NotificationKind.forEvent("OrderPlaced")).isEmpty();
        assertThat(MessageIdentity.of("o-1")).isEqualTo(MessageIdentity.of("o-1"))
                .isNotEqualTo(MessageIdentity.of("o-2"));
    }

    @Test
    void retries_at_a_doubling_pace_up_to_a_ceiling_and_never_stops() {
        RedeliveryBacksOff schedule = new RedeliveryBacksOff(Duration.ofMillis(250), Duration.ofSeconds(10));

        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(schedule.delayAfter(500)).isEqualTo(Duration.ofSeconds(10));
    }
}
