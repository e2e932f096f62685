package dev.shoplab.distributed.notification.provider;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The mail provider's HTTP API, a Quarkus REST client whose base URL is the mesh's
 * {@code mail-simulator} listener. Any answer of 400 or more is thrown as {@link MailRefused}.
 */
@Path("/mail")
@RegisterRestClient(configKey = "mail")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface MailApi {

    /** One message; the provider keeps one message per {@code messageId}. */
    public record Message(String orderId, String to, String kind, String messageId) {
    }

    /** The provider did not accept the message. */
    public final class MailRefused extends RuntimeException {
        public MailRefused(String message) {
            super(message, null, false, false);
        }
    }

    @POST
    @Path("/messages")
    public Response send(Message message);

    @ClientExceptionMapper
    public static RuntimeException toException(Response response) {
        return new MailRefused("the mail provider answered " + response.getStatus());
    }
}
