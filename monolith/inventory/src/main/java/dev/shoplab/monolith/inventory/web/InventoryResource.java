package dev.shoplab.monolith.inventory.web;

import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import dev.shoplab.monolith.inventory.api.InventoryApi;
import dev.shoplab.monolith.inventory.api.StockLevel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/inventory/{sku}}: price and stock of one sku. */
@Path("/api/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    private final InventoryApi inventory;

    InventoryResource(InventoryApi inventory) {
        this.inventory = inventory;
    }

    @GET
    @Path("/{sku}")
    @Operation(summary = "Read the price and stock of a sku", description = "available: units that can be sold;"
            + " reserved: units held for orders whose payment is in flight")
    public StockLevel level(@PathParam("sku") String sku) {
        return inventory.level(sku).orElseThrow(() -> new ProblemException(Problems.skuNotFound(sku)));
    }
}
