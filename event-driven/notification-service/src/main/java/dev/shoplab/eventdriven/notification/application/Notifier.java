package dev.shoplab.eventdriven.notification.application;

import dev.shoplab.eventdriven.messaging.AfterCommit;
import dev.shoplab.eventdriven.messaging.IncomingEvent;
import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.notification.domain.MessageIdentity;
import dev.shoplab.eventdriven.notification.domain.NotificationKind;
import dev.shoplab.eventdriven.notification.domain.Recipient;
import dev.shoplab.eventdriven.notification.events.NotificationEvents;
import dev.shoplab.eventdriven.notification.persistence.NotificationRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import javax.sql.DataSource;

/**
 * Pattern: outbox (of mails). A terminal order event becomes a PENDING notification in the transaction that
 * consumes it; the {@link MailSender} sends it afterwards. One notification per order, whatever arrives: the
 * order id is the row's key, and a second terminal event about the same order inserts nothing.
 */
@ApplicationScoped
public class Notifier {

    private static final String RECORD = """
            insert into notification (order_id, kind, recipient, message_id, state, attempts, next_attempt_at,
                                      traceparent, created_at)
            values (?, ?, ?, ?, ?, 0, now(), ?, now())
            on conflict (order_id) do nothing""";

    private final Sql sql;

    private final AfterCommit afterCommit;

    private final MailSender sender;

    Notifier(DataSource database, AfterCommit afterCommit, MailSender sender) {
        this.sql = new Sql(database);
        this.afterCommit = afterCommit;
        this.sender = sender;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(IncomingEvent event, NotificationEvents.OrderSettled settled) {
        NotificationKind kind = NotificationKind.forEvent(event.type()).orElseThrow();
        int recorded = sql.update(RECORD, event.orderId(), kind, Recipient.addressOf(settled.customerId()),
                MessageIdentity.of(event.orderId()), NotificationRow.State.PENDING, event.trace().header());
        if (recorded == 1) {
            afterCommit.run(MailSender.class, sender::wake);
        }
    }
}
