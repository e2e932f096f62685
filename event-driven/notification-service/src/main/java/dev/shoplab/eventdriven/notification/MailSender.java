package dev.shoplab.eventdriven.notification;

import dev.shoplab.eventdriven.messaging.HttpAnswer;
import dev.shoplab.eventdriven.messaging.Leases;
import dev.shoplab.eventdriven.messaging.OutboundHttp;
import dev.shoplab.eventdriven.messaging.OutboundWork;
import dev.shoplab.eventdriven.messaging.OutboundWorker;
import dev.shoplab.eventdriven.messaging.Outbox;
import dev.shoplab.eventdriven.messaging.TraceParent;
import dev.shoplab.eventdriven.notification.domain.SendSchedule;
import dev.shoplab.eventdriven.notification.events.NotificationEvents.CustomerNotified;
import dev.shoplab.eventdriven.notification.persistence.Notification;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Sends due notifications to the mail provider, many at once, each with its stable message id (a resend
 * after a crash or a lost answer is recorded once by the provider), and records SENT with a
 * CustomerNotified event in one transaction. A failed send is retried, never dropped.
 */
@ApplicationScoped
public class MailSender extends OutboundWork<Notification> {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    NotificationConfig config;

    private OutboundHttp mail;
    private SendSchedule schedule;

    @Override
    protected OutboundWorker<Notification> createWorker() {
        mail = new OutboundHttp(config.url(), config.connectTimeout(), config.requestTimeout());
        schedule = new SendSchedule(config.firstRetry(), config.maxRetry());
        return new OutboundWorker<>("mail-sender", config.maxInFlight(), config.pollInterval(), this::claim,
                this::send);
    }

    /** Leases due notifications and returns them (detached snapshots) in one transaction. */
    private List<Notification> claim(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> Leases.claimRows(em, Notification.class, "notification",
                "order_id", "orderId", "state = 'PENDING'", limit, config.lease()));
    }

    private CompletionStage<?> send(Notification n) {
        String orderId = n.orderId;
        return mail.post("/mail/messages", Map.of("messageId", n.messageId, "orderId", n.orderId, "to", n.recipient,
                        "kind", n.kind.name()))
                .thenAcceptAsync(answer -> QuarkusTransaction.requiringNew().run(() -> record(orderId, answer)),
                        executor());
    }

    private void record(String orderId, HttpAnswer answer) {
        Notification n = em.find(Notification.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (n.state != Notification.State.PENDING) {
            return;
        }
        n.attempts++;
        n.leaseUntil = null;
        if (answer.success()) {
            n.state = Notification.State.SENT;
            n.sentAt = Instant.now();
            n.nextAttemptAt = null;
            outbox.append(orderId, new CustomerNotified(n.kind.name(), n.recipient, n.messageId),
                    TraceParent.continueOrStart(n.traceparent));
            return;
        }
        n.lastFailure = answer.describe();
        if (answer.answered() && answer.status() >= 400 && answer.status() < 500 && answer.status() != 429) {
            n.state = Notification.State.REFUSED;
            n.nextAttemptAt = null;
        } else {
            n.nextAttemptAt = Instant.now().plus(schedule.delayAfter(n.attempts));
        }
    }
}
