package dev.shoplab.monolith.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.testing.RealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.ConfigProvider;

/** The PSP and mail simulators as the monolith's tests drive them: faults on and off, ledgers read. */
public final class Simulators {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Simulators() {
    }

    /** Sets the faults of {@code psp} or {@code mail}, for example {@code {"down": true}}. */
    public static void fault(String target, String faultsJson) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(admin() + "/admin/faults/" + target))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(faultsJson)));
        assertThat(answer.statusCode()).as("setting faults %s on %s: %s", faultsJson, target, answer.body()).isEqualTo(200);
    }

    /** Lifts every fault of both providers. */
    public static void liftFaults() {
        for (String target : List.of("psp", "mail")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(admin() + "/admin/faults/" + target))
                    .DELETE());
            assertThat(answer.statusCode()).as("lifting faults on %s", target).isEqualTo(200);
        }
    }

    /** The PSP's charges made with this idempotency key (the monolith uses the order id). */
    public static List<JsonNode> charges(String orderId) {
        return elements(ledger("psp").path("charges")).stream()
                .filter(c -> orderId.equals(c.path("idempotencyKey").asText())).toList();
    }

    /** The messages the mail provider recorded for an order. */
    public static List<JsonNode> messages(String orderId) {
        return elements(ledger("mail").path("messages")).stream()
                .filter(m -> orderId.equals(m.path("orderId").asText())).toList();
    }

    /** Charges at the PSP directly, as the monolith would for that order (to set up a crash recovery). */
    public static int chargeAsTheShopWould(String orderId, long amountCents, String token) {
        String psp = ConfigProvider.getConfig().getValue("shoplab.psp.url", String.class);
        String body = "{\"idempotencyKey\": \"" + orderId + "\", \"amountCents\": " + amountCents + ", \"token\": \""
                + token + "\", \"reference\": \"" + orderId + "\"}";
        return send(HttpRequest.newBuilder(URI.create(psp + "/psp/charges")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode();
    }

    private static JsonNode ledger(String provider) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(admin() + "/admin/" + provider + "/ledger"))
                .GET());
        assertThat(answer.statusCode()).isEqualTo(200);
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static String admin() {
        return ConfigProvider.getConfig().getValue("shoplab.simulators.admin-url", String.class);
    }

    /** Sends a request; one to the admin API with the control token. */
    private static HttpResponse<String> send(HttpRequest.Builder request) {
        if (request.build().uri().toString().startsWith(admin())) {
            request.header("Authorization", RealInfrastructure.adminAuthorization());
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
