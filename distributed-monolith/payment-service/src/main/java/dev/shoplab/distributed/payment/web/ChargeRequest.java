package dev.shoplab.distributed.payment.web;

import dev.shoplab.edge.PrintableText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The body of {@code POST /api/payments}: charge this amount for this order with this token. */
public record ChargeRequest(
        @NotNull(message = "is required")
        UUID orderId,

        @NotNull(message = "is required")
        @Min(value = 1, message = "must be at least 1")
        // the largest order the shop takes: 50 lines of 100 units at the catalogue's highest price, 100,000,000 cents
        @Max(value = 500_000_000_000L, message = "must be at most {value}")
        Long amountCents,

        @NotBlank(message = "is required")

        @PrintableText
        @Size(max = 100, message = "must be at most {max} characters")
        String paymentToken) {
}
