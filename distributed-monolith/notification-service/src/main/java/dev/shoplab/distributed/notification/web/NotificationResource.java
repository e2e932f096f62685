package dev.shoplab.distributed.notification.web;

import dev.shoplab.distributed.notification.application.Notifier;
import dev.shoplab.distributed.notification.domain.NotificationKind;
import dev.shoplab.distributed.notification.persistence.NotificationRow;
import dev.shoplab.distributed.notification.persistence.NotificationStore;
import dev.shoplab.edge.Problem;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import dev.shoplab.edge.RequestChecks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Notifications as order-service asks for them: 201 once the mail provider took the mail, 502 when it did not. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private static final String EXPECTED = "{\"orderId\": \"…uuid…\", \"customerId\": \"c-1\", \"kind\": \"order-confirmed\"}";

    private final Notifier notifier;
    private final NotificationStore log;
    private final RequestChecks checks;

    NotificationResource(Notifier notifier, NotificationStore log, RequestChecks checks) {
        this.notifier = notifier;
        this.log = log;
        this.checks = checks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mail the customer how the order ended", description = "201 sent; 502 mail-unavailable")
    public Response send(NotifyRequest body) {
        NotifyRequest request = checks.valid(body, EXPECTED);
        NotificationKind kind = NotificationKind.ofWireName(request.kind()).orElseThrow();
        try {
            NotificationRow sent = notifier.send(request.orderId(), request.customerId(), kind);
            return Response.status(201).entity(NotificationView.of(sent)).build();
        } catch (Notifier.MailFailed e) {
            throw new ProblemException(Problem.of("mail-unavailable", "Mail unavailable", 502, e.getMessage()));
        }
    }

    @GET
    @Operation(summary = "Every notification of an order (?orderId=), oldest first")
    public List<NotificationView> ofOrder(@QueryParam("orderId") String orderId) {
        UUID id;
        try {
            id = UUID.fromString(orderId == null ? "" : orderId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.malformed("orderId must be a UUID, not " + orderId));
        }
        return log.ofOrder(id).stream().map(NotificationView::of).toList();
    }
}
