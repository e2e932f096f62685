package dev.shoplab.distributed.inventory.web;

import dev.shoplab.distributed.inventory.domain.Demand;
import dev.shoplab.edge.PrintableText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The body of {@code POST /api/reservations}: the order and the units it needs. */
public record ReserveRequest(
        @NotNull(message = "is required")
        UUID orderId,

        @NotNull(message = "is required")
        @Size(min = 1, max = 200, message = "must hold between {min} and {max} lines")
        List<@NotNull(message = "must be an object {sku, quantity}") @Valid Line> lines) {

    /** One line: a sku and a quantity. */
    public record Line(
            @NotBlank(message = "is required")
            @PrintableText
            @Size(max = 32, message = "must be at most {max} characters")
            String sku,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be between 1 and " + MAX_QUANTITY)
            @Max(value = MAX_QUANTITY, message = "must be between 1 and " + MAX_QUANTITY)
            Integer quantity) {
    }

    /**
     * Units one line may ask for: 200 lines of one sku, summed, still fit an {@code int} (a sum beyond it was a 500).
     * order-service asks for at most 100 per line; a caller of this internal API gets a 422 beyond this one.
     */
    public static final int MAX_QUANTITY = 10_000_000;

    List<Demand> demands() {
        return lines.stream().map(l -> new Demand(l.sku(), l.quantity())).toList();
    }
}
