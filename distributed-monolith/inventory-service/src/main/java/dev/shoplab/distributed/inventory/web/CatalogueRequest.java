package dev.shoplab.distributed.inventory.web;

import dev.shoplab.distributed.inventory.application.StockKeeper;
import dev.shoplab.edge.PrintableText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code PUT /admin/catalogue}: the skus to set, with price and stock. */
public record CatalogueRequest(
        @NotNull(message = "is required")
        @Size(max = 100_000, message = "must hold at most {max} items")
        List<@NotNull(message = "must be an object {sku, priceCents, available}") @Valid Item> items) {

    /** One sku as the catalogue reset sets it. */
    public record Item(
            @NotBlank(message = "is required")
            @PrintableText
            @Size(max = 32, message = "must be at most {max} characters")
            String sku,

            @NotNull(message = "is required")
            @Min(value = 0, message = "must be at least 0")
            Long priceCents,

            @NotNull(message = "is required")
            @Min(value = 0, message = "must be at least 0")
            Integer available) {
    }

    List<StockKeeper.CatalogueItem> toItems() {
        return items.stream().map(i -> new StockKeeper.CatalogueItem(i.sku(), i.priceCents(), i.available())).toList();
    }
}
