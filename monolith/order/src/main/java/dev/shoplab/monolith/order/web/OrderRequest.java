package dev.shoplab.monolith.order.web;

import dev.shoplab.edge.PrintableText;
import dev.shoplab.monolith.order.domain.OrderLimits;
import dev.shoplab.monolith.order.domain.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/orders} as it arrives, checked field by field before the order context sees it. */
public record OrderRequest(
        @NotBlank(message = "is required")
        @PrintableText
        @Size(max = OrderLimits.MAX_CUSTOMER_ID_LENGTH, message = "must be at most {max} characters")
        String customerId,

        @NotNull(message = "is required")
        @Size(min = 1, max = OrderLimits.MAX_LINES, message = "must hold between {min} and {max} lines")
        List<@NotNull(message = "must be an object {sku, quantity}") @Valid Line> lines,

        @NotBlank(message = "is required")

        @PrintableText
        @Size(max = OrderLimits.MAX_PAYMENT_TOKEN_LENGTH, message = "must be at most {max} characters")
        String paymentToken) {

    /** One line: a sku and a quantity. */
    public record Line(
            @NotBlank(message = "is required")
            @PrintableText
            @Size(max = OrderLimits.MAX_SKU_LENGTH, message = "must be at most {max} characters")
            String sku,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be between 1 and " + OrderLimits.MAX_QUANTITY)
            @Max(value = OrderLimits.MAX_QUANTITY, message = "must be between 1 and " + OrderLimits.MAX_QUANTITY)
            Integer quantity) {
    }

    /** The order context's command; call only once the request is valid. */
    PlaceOrder toCommand() {
        return new PlaceOrder(customerId, lines.stream().map(l -> new PlaceOrder.Line(l.sku(), l.quantity())).toList(),
                paymentToken);
    }
}
