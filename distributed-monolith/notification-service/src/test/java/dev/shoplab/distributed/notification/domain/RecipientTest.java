package dev.shoplab.distributed.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A customer's address: made from the id, never a real mailbox, and it fits the recipient column. */
class RecipientTest {

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
}
