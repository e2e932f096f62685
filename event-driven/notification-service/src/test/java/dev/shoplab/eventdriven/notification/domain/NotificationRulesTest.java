package dev.shoplab.eventdriven.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
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
    void an_address_has_one_character_per_code_point_of_the_id_whatever_the_locale() {
        // İ (U+0130) lowercases to two characters, i and a combining dot: a 100-character id of them made a
        // 226-character address (it fit this service's 255-character column; the other two architectures' 200 not)
        assertThat(Recipient.addressOf("İ".repeat(100))).isEqualTo("-".repeat(100) + "@customers.shoplab.invalid");
        assertThat(Recipient.addressOf("c-😀")).isEqualTo("c--@customers.shoplab.invalid");
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR")); // where I lowercases to a dotless ı
            assertThat(Recipient.addressOf("ISTANBUL-1")).isEqualTo("istanbul-1@customers.shoplab.invalid");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void retries_at_a_doubling_pace_up_to_a_ceiling_and_never_stops() {
        RedeliveryBacksOff schedule = new RedeliveryBacksOff(Duration.ofMillis(250), Duration.ofSeconds(10));

        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(schedule.delayAfter(500)).isEqualTo(Duration.ofSeconds(10));
    }
}
