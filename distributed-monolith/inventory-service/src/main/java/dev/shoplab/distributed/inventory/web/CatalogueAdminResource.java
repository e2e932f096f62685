package dev.shoplab.distributed.inventory.web;

import dev.shoplab.distributed.inventory.application.StockKeeper;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import dev.shoplab.edge.RequestChecks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code PUT /admin/catalogue}: the lab's catalogue reset (price and stock of every listed sku, their
 * reserved units back to 0). Loopback callers only: the edge's EdgeFilters refuse the others with 403.
 */
@Path("/admin/catalogue")
public class CatalogueAdminResource {

    private final StockKeeper stock;
    private final RequestChecks checks;

    CatalogueAdminResource(StockKeeper stock, RequestChecks checks) {
        this.stock = stock;
        this.checks = checks;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace price and stock of the listed skus (lab use: loopback callers with the control token, ADR 0012)")
    public Response replace(CatalogueRequest body) {
        CatalogueRequest request = checks.valid(body,
                "{\"items\": [{\"sku\": \"SKU-0001\", \"priceCents\": 1999, \"available\": 100}]}");
        if (!request.duplicates().isEmpty()) {
            throw new ProblemException(Problems.validation(request.duplicates()));
        }
        stock.replaceCatalogue(request.toItems());
        return Response.noContent().build();
    }
}
