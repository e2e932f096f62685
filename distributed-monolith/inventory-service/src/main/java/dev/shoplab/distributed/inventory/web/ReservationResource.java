package dev.shoplab.distributed.inventory.web;

import dev.shoplab.distributed.inventory.application.Reservation;
import dev.shoplab.distributed.inventory.application.StockKeeper;
import dev.shoplab.distributed.inventory.domain.ReservationStatus;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import dev.shoplab.edge.RequestChecks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Reservations, as order-service drives them: hold the units of an order, then confirm (sold) or
 * release (available again). Each call is one local transaction; none knows about the others.
 */
@Path("/api/reservations")
@Produces(MediaType.APPLICATION_JSON)
public class ReservationResource {

    private static final String EXPECTED = "{\"orderId\": \"…uuid…\", \"lines\": [{\"sku\": \"SKU-0001\", \"quantity\": 1}]}";

    private final StockKeeper stock;
    private final RequestChecks checks;

    ReservationResource(StockKeeper stock, RequestChecks checks) {
        this.stock = stock;
        this.checks = checks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold the units of an order (all lines or none)", description = "201 held; 200 when the"
            + " order already has a reservation (a repeated call); 409 out-of-stock; 422 unknown-sku")
    public Response reserve(ReserveRequest body) {
        ReserveRequest request = checks.valid(body, EXPECTED);
        StockKeeper.Reserved reserved;
        try {
            reserved = stock.reserve(request.orderId(), request.demands());
        } catch (StockKeeper.OutOfStock e) {
            throw new ProblemException(InventoryProblems.outOfStock(e.shortfalls()));
        } catch (StockKeeper.UnknownSkus e) {
            throw new ProblemException(Problems.unknownSkus(e.skus()));
        }
        return Response.status(reserved.replayed() ? 200 : 201)
                .header("Location", "/api/reservations/" + request.orderId())
                .entity(ReservationView.of(reserved.reservation()))
                .build();
    }

    @POST
    @Path("/{orderId}/confirmation")
    @Operation(summary = "The order is paid: its held units are sold (repeating it changes nothing)")
    public ReservationView confirm(@PathParam("orderId") String orderId) {
        return change(orderId, stock::confirm);
    }

    @POST
    @Path("/{orderId}/release")
    @Operation(summary = "The order will not be paid: its held units are available again (repeating it changes nothing)")
    public ReservationView release(@PathParam("orderId") String orderId) {
        return change(orderId, stock::release);
    }

    private ReservationView change(String orderId, Function<UUID, Reservation> move) {
        UUID id = parse(orderId);
        try {
            return ReservationView.of(move.apply(id));
        } catch (StockKeeper.ReservationNotFound e) {
            throw new ProblemException(InventoryProblems.reservationNotFound(id));
        } catch (ReservationStatus.ChangeRefused e) {
            throw new ProblemException(InventoryProblems.reservationConflict(id, e.getMessage()));
        }
    }

    private static UUID parse(String orderId) {
        try {
            return UUID.fromString(orderId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.malformed("the order id must be a UUID, not " + orderId));
        }
    }
}
