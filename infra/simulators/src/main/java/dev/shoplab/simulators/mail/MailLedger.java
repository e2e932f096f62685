package dev.shoplab.simulators.mail;

import dev.shoplab.simulators.provider.Ledger;
import dev.shoplab.simulators.provider.Recorded;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The mail sink's ledger: every accepted message once, keyed by message id. Thread-safe. */
final class MailLedger implements Ledger {

    /** The whole ledger as the bench audit reads it. */
    record View(List<Message> messages) {
    }

    private final Map<String, Message> messages = new LinkedHashMap<>();

    /** Records a message, or returns the first one with the same id (null: a new id). */
    synchronized Recorded<Message> accept(String messageId, String orderId, String to, String kind) {
        if (messageId != null && messages.containsKey(messageId)) {
            return Recorded.replay(messages.get(messageId));
        }
        String id = messageId != null ? messageId : "msg_" + UUID.randomUUID().toString().replace("-", "");
        Message message = new Message(id, orderId, to, kind, Instant.now().toString());
        messages.put(id, message);
        return Recorded.fresh(message);
    }

    @Override
    public synchronized View view() {
        return new View(List.copyOf(messages.values()));
    }

    @Override
    public synchronized void clear() {
        messages.clear();
    }
}
