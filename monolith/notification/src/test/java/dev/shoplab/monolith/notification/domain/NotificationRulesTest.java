package dev.shoplab.monolith.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
    void redelivery_waits_twice_as_long_after_each_failure_up_to_half_a_minute() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(Duration.between(now, RedeliveryBacksOff.nextAttempt(now, 1))).isEqualTo(Duration.ofMillis(500));
        assertThat(Duration.between(now, RedeliveryBacksOff.nextAttempt(now, 2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(now, RedeliveryBacksOff.nextAttempt(now, 4))).isEqualTo(Duration.ofSeconds(4));
        assertThat(Duration.between(now, RedeliveryBacksOff.nextAttempt(now, 30))).isEqualTo(Duration.ofSeconds(30));
    }
}
