package dev.shoplab.monolith.notification.provider;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** The mail provider's HTTP API as the outbox relay uses it (a Quarkus REST client, non-blocking). */
@Path("/mail")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface MailApi {

    /** One message; a repeated message id is accepted again and recorded once. */
    public record MailMessage(String messageId, String orderId, String to, String kind) {
    }

    @POST
    @Path("/messages")
    public CompletionStage<Response> send(MailMessage message);
}
