package dev.shoplab.distributed.notification.web;

import dev.shoplab.distributed.notification.persistence.NotificationRow;
import java.util.UUID;

/** A notification as the API shows it. */
public record NotificationView(UUID notificationId, UUID orderId, String kind, String recipient, String status) {

    static NotificationView of(NotificationRow row) {
        return new NotificationView(row.notificationId, row.orderId, row.kind, row.recipient, row.status);
    }
}
