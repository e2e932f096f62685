package dev.shoplab.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MailSinkTest extends SimulatorsTestSupport {

    static final String MESSAGE = "{\"orderId\":\"o-1\",\"to\":\"ada@example.org\",\"kind\":\"ORDER_CONFIRMED\"";

    @Test
    void accepts_a_message_and_records_it() {
        Http.Reply reply = http.post(mail + "/mail/messages", MESSAGE + "}");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.text("messageId")).startsWith("msg_");
        assertThat(reply.text("orderId")).isEqualTo("o-1");
        assertThat(reply.text("kind")).isEqualTo("ORDER_CONFIRMED");
        assertThat(reply.text("acceptedAt")).isNotBlank();
        assertThat(mailLedger().getList("messages.to")).containsExactly("ada@example.org");
        assertThat(stats().getLong("mail.accepted")).isEqualTo(1);
    }

    @Test
    void a_repeated_message_id_returns_the_first_answer_and_records_nothing() {
        Http.Reply first = http.post(mail + "/mail/messages", MESSAGE + ",\"messageId\":\"m-1\"}");
        Http.Reply again = http.post(mail + "/mail/messages", MESSAGE + ",\"messageId\":\"m-1\"}");
        Http.Reply viaHeader = http.post(mail + "/mail/messages", MESSAGE + "}", "Idempotency-Key", "m-1");

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(viaHeader.json()).isEqualTo(first.json());
        assertThat(mailLedger().getList("messages")).hasSize(1);
        assertThat(stats().getLong("mail.duplicatesSuppressed")).isEqualTo(2);
        assertThat(stats().getLong("mail.accepted")).isEqualTo(1);
    }

    @Test
    void messages_without_an_id_are_all_recorded() {
        http.post(mail + "/mail/messages", MESSAGE + "}");
        http.post(mail + "/mail/messages", MESSAGE + "}");

        assertThat(mailLedger().getList("messages")).hasSize(2);
    }

    @Test
    void rejects_a_message_with_a_blank_recipient() {
        Http.Reply reply = http.post(mail + "/mail/messages", "{\"orderId\":\"o-1\",\"to\":\"  \",\"kind\":\"X\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).isEqualTo(PROBLEM_JSON);
        assertThat(reply.text("detail")).isEqualTo("to must not be blank");
        assertThat(mailLedger().getList("messages")).isEmpty();
    }
}
