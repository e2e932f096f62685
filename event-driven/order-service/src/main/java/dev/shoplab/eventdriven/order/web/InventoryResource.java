package dev.shoplab.eventdriven.order.web;

import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import dev.shoplab.eventdriven.order.application.StockView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/inventory/{sku}}: price and stock of a sku, from the edge's read model of inventory's
 * catalogue (no call to inventory-service: services talk through Kafka only). It is as fresh as the last
 * inventory event order-service applied; an order that reads as concluded is always reflected in it.
 */
@Path("/api/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    /** The answer: {@code available} units can be sold, {@code reserved} ones are held for running orders. */
    public record Stock(String sku, long priceCents, int available, int reserved) {
    }

    private final StockView stock;

    InventoryResource(StockView stock) {
        this.stock = stock;
    }

    @GET
    @Path("/{sku}")
    public Stock level(@PathParam("sku") String sku) {
        return stock.find(sku).map(r -> new Stock(r.sku, r.priceCents, r.available, r.reserved))
                .orElseThrow(() -> new ProblemException(Problems.skuNotFound(sku)));
    }
}
