package dev.shoplab.monolith.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A message's identity, its recipient, and the redelivery backoff. */
class NotificationRulesTest {

    @Test
    void a_message_is_identified_by_its_order_and_kind() {
        UUID order = UUID.fromString("01a20000-0000-7000-8000-000000000001");

        assertThat(MessageIdentity.of(order, "order-confirmed"))
                .isEqualTo("01a20000-0000-7000-8000-000000000001:order-confirmed")
                .isEqualTo(MessageIdentity.of(order, "order-confirmed"))
                .isNotEqualTo(MessageIdentity.of(order, "order-rejected"));
    }

    @Test
    void a_customer_id_becomes_an_address_that_never_reaches_a_real_mailbox() {
        assertThat(Recipient.addressOf("C-42")).isEqualTo("c-42@customers.shoplab.invalid");
        assertThat(Recipient.addressOf("ada lovelace@x")).isEqualTo("ada-lovelace-x@customers.shoplab.invalid");
    }

    @Test
    void an_address_has_one_character_per_code_point_of_the_id_whatever_the_locale() {
        // İ (U+0130) lowercases to two characters, i and a combining dot: a 100-character id of them made a
        // 226-character address, past the 200 the notification's recipient column holds
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
    void redelivery_waits_twice_as_long_after_each_failure_up_to_half_a_minute() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(Duration.between(now, RedeliveryBacksOff.nextAttempt(now, 1))).isEqualTo(Duration.ofMillis(500));
        assertThat(Duration.between(now, RedeliveryBacksOff.nextAttempt(now, 2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(now, RedeliveryBacksOff.nextAttempt(now, 4))).isEqualTo(Duration.ofSeconds(4));
        assertThat(Duration.between(now, RedeliveryBacksOff.nextAttempt(now, 30))).isEqualTo(Duration.ofSeconds(30));
    }
}
