package dev.shoplab.distributed.order.web;

import dev.shoplab.distributed.order.application.OrderProblems;
import dev.shoplab.distributed.order.client.InventoryClient;
import dev.shoplab.distributed.order.client.RemoteCallFailed;
import dev.shoplab.distributed.order.domain.OrderLimits;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** {@code GET /api/inventory/{sku}} on the edge: asks inventory-service (through the mesh) and answers what it says. */
@Path("/api/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    private final InventoryClient inventory;

    InventoryResource(@RestClient InventoryClient inventory) {
        this.inventory = inventory;
    }

    @GET
    @Path("/{sku}")
    @Operation(summary = "Read the price and stock of a sku", description = "available: units that can be sold;"
            + " reserved: units held for orders being placed")
    public InventoryClient.StockLevel level(@PathParam("sku") String sku) {
        if (sku.length() > OrderLimits.MAX_SKU_LENGTH) {
            // the catalogue takes no longer sku, and a path this long may not fit the next hop's request line
            throw new ProblemException(Problems.skuNotFound(sku));
        }
        try {
            return inventory.level(InventoryClient.segment(sku));
        } catch (RemoteCallFailed e) {
            if (e.status() == 404 && "sku-not-found".equals(e.kind())) {
                throw new ProblemException(Problems.skuNotFound(sku));
            }
            throw new ProblemException(OrderProblems.serviceUnavailable("inventory-service", "reading " + sku));
        } catch (RuntimeException e) {
            throw new ProblemException(OrderProblems.serviceUnavailable("inventory-service", "reading " + sku));
        }
    }
}
