package dev.shoplab.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A small HTTP/1.1 client for the tests, with bounded timeouts so that nothing hangs; one per test
 * method, so that no pooled connection outlives a provider going down.
 */
final class Http {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, one header, body parsed as JSON (missing when empty). */
    record Reply(int status, String contentType, String replayed, JsonNode json) {
        String text(String field) {
            return json.path(field).asText();
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Reply post(String url, String json, String... headers) {
        return send(request(url, DEFAULT_TIMEOUT, headers).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build());
    }

    Reply get(String url) {
        return send(request(url, DEFAULT_TIMEOUT).GET().build());
    }

    /** Any method, content type and body; for malformed requests. */
    Reply raw(String method, String url, String contentType, String body) {
        HttpRequest.Builder builder = request(url, DEFAULT_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    /** A POST that may fail at the transport level; the test inspects the exception. */
    CompletableFuture<Reply> postAsync(String url, String json, Duration timeout, String... headers) {
        HttpRequest request = request(url, timeout, headers).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Http::reply);
    }

    /** A request; one to the admin API carries the control token unless {@code headers} give an Authorization. */
    private static HttpRequest.Builder request(String url, Duration timeout, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        boolean authorized = false;
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
            authorized |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!authorized && URI.create(url).getPath().startsWith("/admin")) {
            builder.header("Authorization", SimulatorsTestSupport.CONTROL_TOKEN);
        }
        return builder;
    }

    private Reply send(HttpRequest request) {
        try {
            return reply(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply reply(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Idempotent-Replayed").orElse(null), json);
    }
}
