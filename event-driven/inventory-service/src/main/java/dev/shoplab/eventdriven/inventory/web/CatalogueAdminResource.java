package dev.shoplab.eventdriven.inventory.web;

import dev.shoplab.edge.EdgeFilters;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import dev.shoplab.edge.RequestChecks;
import dev.shoplab.eventdriven.inventory.application.Catalogue;
import dev.shoplab.eventdriven.inventory.application.SeedBarrier;
import dev.shoplab.eventdriven.messaging.EventTracing;
import dev.shoplab.eventdriven.messaging.TraceParent;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code PUT /admin/catalogue} {@code {"items":[{"sku","priceCents","available"}]}}: the lab's seed of the
 * catalogue this service owns. Loopback callers only (the edge's {@link EdgeFilters} refuses the others with
 * 403); answers 204 once the edge's stock view has the seed too (202 if it did not confirm in time), or a
 * problem saying what is wrong.
 */
@Path("/admin/catalogue")
public class CatalogueAdminResource {

    private final Catalogue catalogue;
    private final SeedBarrier barrier;
    private final RequestChecks checks;
    private final EventTracing tracing;

    CatalogueAdminResource(Catalogue catalogue, SeedBarrier barrier, RequestChecks checks, EventTracing tracing) {
        this.catalogue = catalogue;
        this.barrier = barrier;
        this.checks = checks;
        this.tracing = tracing;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response seed(CatalogueRequest body, @HeaderParam(TraceParent.HEADER) String traceparent) {
        CatalogueRequest request = checks.valid(body,
                "{\"items\": [{\"sku\": \"SKU-0001\", \"priceCents\": 1999, \"available\": 100}]}");
        if (!request.duplicates().isEmpty()) {
            throw new ProblemException(Problems.validation(request.duplicates()));
        }
        Catalogue.Seeded seeded = catalogue.seed(request.toEntries(), tracing.current(traceparent));
        if (barrier.await(seeded.acknowledged(), seeded.eventIds())) {
            return Response.noContent().build();
        }
        // Committed and published, but a read model did not confirm it in time: it will catch up.
        return Response.accepted().type(MediaType.APPLICATION_JSON).entity("{\"seeded\":true,\"readModelsCaughtUp\":false,"
                + "\"detail\":\"the catalogue is seeded; the edge's stock view did not confirm it within "
                + barrier.bound().toSeconds() + " s and will show it shortly\"}").build();
    }
}
