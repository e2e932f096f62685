package dev.shoplab.eventdriven.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.eventdriven.messaging.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

/** The provider simulators' admin API, for tests: inject and lift faults, read the PSP and mail ledgers. */
public final class Providers {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String adminUrl;
    private final String controlToken;

    /** The admin API at {@code adminUrl}, called with {@code controlToken} ({@code Authorization: Bearer}). */
    public Providers(String adminUrl, String controlToken) {
        this.adminUrl = adminUrl;
        this.controlToken = controlToken;
    }

    /** Replaces the faults of {@code target} ({@code psp} or {@code mail}) with {@code faultsJson}. */
    public void faults(String target, String faultsJson) {
        call(HttpRequest.newBuilder(URI.create(adminUrl + "/admin/faults/" + target))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(faultsJson)));
    }

    /** Lifts every fault of {@code target}. */
    public void liftFaults(String target) {
        call(HttpRequest.newBuilder(URI.create(adminUrl + "/admin/faults/" + target)).DELETE());
    }

    /** Every charge in the PSP's ledger. */
    public List<JsonNode> charges() {
        return list(get("/admin/psp/ledger").path("charges"));
    }

    /** Every refund in the PSP's ledger. */
    public List<JsonNode> refunds() {
        return list(get("/admin/psp/ledger").path("refunds"));
    }

    /** Charges made with one idempotency key (the PSP keeps at most one). */
    public List<JsonNode> chargesWithKey(String key) {
        return charges().stream().filter(c -> key.equals(c.path("idempotencyKey").asText())).toList();
    }

    /** Every message in the mail sink's ledger. */
    public List<JsonNode> mails() {
        return list(get("/admin/mail/ledger").path("messages"));
    }

    /** Messages about one order. */
    public List<JsonNode> mailsAbout(String orderId) {
        return mails().stream().filter(m -> orderId.equals(m.path("orderId").asText())).toList();
    }

    /** Request counters of both providers. */
    public JsonNode stats() {
        return get("/admin/stats");
    }

    private JsonNode get(String path) {
        try {
            return EventJson.parse(call(HttpRequest.newBuilder(URI.create(adminUrl + path)).GET()));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer from " + path, e);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private byte[] call(HttpRequest.Builder request) {
        request.header("Authorization", "Bearer " + controlToken);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                        + response.statusCode() + ": " + new String(response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("simulators admin API unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
