package dev.shoplab.distributed.notification.application;

import dev.shoplab.distributed.notification.domain.NotificationKind;
import dev.shoplab.distributed.notification.domain.Recipient;
import dev.shoplab.distributed.notification.persistence.NotificationRow;
import dev.shoplab.distributed.notification.persistence.NotificationStore;
import dev.shoplab.distributed.notification.provider.MailApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Sends an order's mail: a notification row, then the blocking call to the mail provider (through the mesh). */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);

    /** The mail provider did not take the message. */
    public static final class MailFailed extends RuntimeException {
        MailFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final NotificationStore log;
    private final MailApi mail;

    public Notifier(NotificationStore log, @RestClient MailApi mail) {
        this.log = log;
        this.mail = mail;
    }

    /** Sends the mail of {@code kind} about the order to the customer; the notification, or {@link MailFailed}. */
    public NotificationRow send(UUID orderId, String customerId, NotificationKind kind) {
        // The notification's id is the message id: when the mesh retries the call to the mail provider it
        // replays the id, and the provider keeps one message.
        // Anti-pattern: when the mesh retries the call from order-service to this service, this method runs
        // again: a new notification, a new message id, and the customer gets the mail twice.
        NotificationRow notification = log.open(orderId, Recipient.addressOf(customerId), kind);
        try (var answer = mail.send(new MailApi.Message(orderId.toString(), notification.recipient, kind.wireName(),
                notification.notificationId.toString()))) {
            return log.settle(notification.notificationId, NotificationRow.SENT, null);
        } catch (MailApi.MailRefused | ProcessingException e) {
            LOG.warnf("Mail %s about order %s did not go out: %s", kind.wireName(), orderId, e.getMessage());
            log.settle(notification.notificationId, NotificationRow.FAILED, e.getMessage());
            throw new MailFailed("the mail about order " + orderId + " did not go out: " + e.getMessage());
        }
    }
}
