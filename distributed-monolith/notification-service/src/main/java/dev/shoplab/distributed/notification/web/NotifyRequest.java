package dev.shoplab.distributed.notification.web;

import dev.shoplab.distributed.notification.domain.NotificationKind;
import dev.shoplab.edge.PrintableText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The body of {@code POST /api/notifications}: tell this customer how this order ended. */
public record NotifyRequest(
        @NotNull(message = "is required")
        UUID orderId,

        @NotBlank(message = "is required")

        @PrintableText
        @Size(max = 100, message = "must be at most {max} characters")
        String customerId,

        @NotNull(message = "is required")
        @Pattern(regexp = NotificationKind.WIRE_NAMES, message = "must be one of " + NotificationKind.WIRE_NAMES)
        String kind) {
}
