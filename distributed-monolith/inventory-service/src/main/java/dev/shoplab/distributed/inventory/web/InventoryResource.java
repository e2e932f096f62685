package dev.shoplab.distributed.inventory.web;

import dev.shoplab.distributed.inventory.application.StockKeeper;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/inventory/{sku}} and {@code GET /api/inventory?sku=…}: price and stock, read by order-service. */
@Path("/api/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    /** The answer of a read of several skus: the ones the catalogue has. */
    public record StockViews(List<StockView> items) {
    }

    private final StockKeeper stock;

    InventoryResource(StockKeeper stock) {
        this.stock = stock;
    }

    @GET
    @Path("/{sku}")
    @Operation(summary = "Price and stock of one sku")
    public StockView level(@PathParam("sku") String sku) {
        return stock.level(sku).map(StockView::of)
                .orElseThrow(() -> new ProblemException(Problems.skuNotFound(sku)));
    }

    @GET
    @Operation(summary = "Price and stock of several skus (repeat ?sku=); unknown skus are left out")
    public StockViews levels(@QueryParam("sku") List<String> skus) {
        Set<String> distinct = new TreeSet<>(skus == null ? List.of() : skus);
        return new StockViews(stock.levels(distinct).stream().map(StockView::of).toList());
    }
}
