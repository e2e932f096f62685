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
 * {@code PUT /admin/catalogue}: the lab's seed, an operator's restock (price and available units of every
 * listed sku; units held by reservations in flight stay reserved). 204, or 422 for a catalogue docs/DESIGN.md
 * does not take. Loopback callers with the control token only: the edge's EdgeFilters refuse the others with
 * 403 (401 without the token).
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
