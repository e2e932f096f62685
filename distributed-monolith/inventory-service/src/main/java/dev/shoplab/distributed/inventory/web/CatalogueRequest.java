package dev.shoplab.distributed.inventory.web;

import dev.shoplab.distributed.inventory.application.StockKeeper;
import dev.shoplab.edge.PrintableText;
import dev.shoplab.edge.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code PUT /admin/catalogue}: the skus to set, with price and stock. */
public record CatalogueRequest(
        @NotNull(message = "is required")
        @Size(min = 1, max = MAX_ITEMS, message = "must hold between {min} and {max} items")
        List<@NotNull(message = "must be an object {sku, priceCents, available}") @Valid Item> items) {

    /** One sku as the catalogue seed sets it. */
    public record Item(
            @NotBlank(message = "is required")
            @PrintableText
            @Size(max = MAX_SKU_LENGTH, message = "must be at most {max} characters")
            String sku,

            @NotNull(message = "is required")
            @Min(value = MIN_PRICE_CENTS, message = "must be at least {value}")
            @Max(value = MAX_PRICE_CENTS, message = "must be at most {value}")
            Long priceCents,

            @NotNull(message = "is required")
            @Min(value = 0, message = "must be at least 0")
            Integer available) {
    }

    /**
     * Most items one request may list: ten times the standard catalogue (1000 skus), the same in the three
     * architectures (docs/DESIGN.md).
     */
    static final int MAX_ITEMS = 10_000;
    /**
     * The lowest price: a price is positive, because the PSP charges only positive amounts (its {@code amountCents}
     * is at least 1) and an order's total is what it charges (docs/DESIGN.md).
     */
    static final long MIN_PRICE_CENTS = 1;
    /** A price no order total can overflow with (a million units of currency). */
    static final long MAX_PRICE_CENTS = 100_000_000L;
    /** Longest sku (order-service's limit too). */
    static final int MAX_SKU_LENGTH = 32;

    /** Each sku at most once: one request cannot set a sku twice. */
    List<Problem.FieldError> duplicates() {
        Map<String, Integer> first = new HashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Integer earlier = first.putIfAbsent(items.get(i).sku(), i);
            if (earlier != null) {
                errors.add(new Problem.FieldError("items[" + i + "].sku", "repeats items[" + earlier + "].sku "
                        + items.get(i).sku()));
            }
        }
        return errors;
    }

    List<StockKeeper.CatalogueItem> toItems() {
        return items.stream().map(i -> new StockKeeper.CatalogueItem(i.sku(), i.priceCents(), i.available())).toList();
    }
}
