package dev.shoplab.eventdriven.notification.application;

import dev.shoplab.eventdriven.messaging.EventTracing;
import dev.shoplab.eventdriven.messaging.HttpAnswer;
import dev.shoplab.eventdriven.messaging.Leases;
import dev.shoplab.eventdriven.messaging.OutboundHttp;
import dev.shoplab.eventdriven.messaging.OutboundWork;
import dev.shoplab.eventdriven.messaging.OutboundWorker;
import dev.shoplab.eventdriven.messaging.Outbox;
import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.messaging.TraceParent;
import dev.shoplab.eventdriven.notification.domain.RedeliveryBacksOff;
import dev.shoplab.eventdriven.notification.events.NotificationEvents.CustomerNotified;
import dev.shoplab.eventdriven.notification.persistence.NotificationRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;

/**
 * Sends due notifications to the mail provider, many at once, each with its stable message id (a resend
 * after a crash or a lost answer is recorded once by the provider), and records SENT with a
 * CustomerNotified event in one transaction. A failed send is retried, never dropped. Each send is a span under
 * the notification's own (the span that asked for it), and so is the CustomerNotified event.
 */
@ApplicationScoped
public class MailSender extends OutboundWork<NotificationRow> {

    private static final String LOCK = "select * from notification where order_id = ? for update";
    private static final String SAVE = """
            update notification set state = ?, attempts = ?, next_attempt_at = ?, lease_until = ?, last_failure = ?,
                sent_at = ?
            where order_id = ?""";

    private final Sql sql;

    private final Outbox outbox;

    private final NotificationConfig config;

    private final EventTracing tracing;

    MailSender(DataSource database, Outbox outbox, NotificationConfig config, EventTracing tracing) {
        this.sql = new Sql(database);
        this.outbox = outbox;
        this.config = config;
        this.tracing = tracing;
    }

    private OutboundHttp mail;
    private RedeliveryBacksOff schedule;

    @Override
    protected OutboundWorker<NotificationRow> createWorker() {
        mail = new OutboundHttp(config.url(), config.connectTimeout(), config.requestTimeout(), tracing);
        schedule = new RedeliveryBacksOff(config.firstRetry(), config.maxRetry());
        return new OutboundWorker<>("mail-sender", config.maxInFlight(), config.pollInterval(), this::claim,
                this::send);
    }

    /** Leases due notifications and returns them (detached snapshots) in one transaction. */
    private List<NotificationRow> claim(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> Leases.claim(sql, "notification", "order_id",
                "state = 'PENDING'", limit, config.lease(), NotificationRow::read));
    }

    private CompletionStage<?> send(NotificationRow n) {
        String orderId = n.orderId;
        return mail.post("/mail/messages", Map.of("messageId", n.messageId, "orderId", n.orderId, "to", n.recipient,
                        "kind", n.kind.name()), n.traceparent, orderId)
                .thenAcceptAsync(answer -> QuarkusTransaction.requiringNew().run(() -> record(orderId, answer)),
                        executor());
    }

    private void record(String orderId, HttpAnswer answer) {
        NotificationRow n = sql.one(LOCK, NotificationRow::read, orderId).orElseThrow();
        if (n.state != NotificationRow.State.PENDING) {
            return;
        }
        n.attempts++;
        n.leaseUntil = null;
        if (answer.success()) {
            n.state = NotificationRow.State.SENT;
            n.sentAt = Instant.now();
            n.nextAttemptAt = null;
            outbox.append(orderId, new CustomerNotified(n.kind.name(), n.recipient, n.messageId),
                    TraceParent.resume(n.traceparent));
        } else {
            n.lastFailure = answer.describe();
            if (answer.answered() && answer.status() >= 400 && answer.status() < 500 && answer.status() != 429) {
                n.state = NotificationRow.State.REFUSED;
                n.nextAttemptAt = null;
            } else {
                Duration delay = schedule.delayAfter(n.attempts);
                n.nextAttemptAt = Instant.now().plus(delay);
                wakeWithin(delay);
            }
        }
        sql.update(SAVE, n.state, n.attempts, n.nextAttemptAt, n.leaseUntil, n.lastFailure, n.sentAt, n.orderId);
    }
}
