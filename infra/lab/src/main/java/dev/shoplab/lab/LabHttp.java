package dev.shoplab.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The lab's few HTTP calls to what it runs (admin APIs with the {@link ControlToken}, health and metrics
 * without): a 2xx or an error that says which call failed and what came back.
 */
public final class LabHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LabHttp() {
    }

    /** GET of an admin endpoint; the body of a 2xx answer. */
    public static String get(ControlToken token, String url) {
        return send(token, "GET", url, null, Duration.ofSeconds(30));
    }

    /** GET; the body of a 2xx answer, or empty when the server does not answer or answers otherwise. */
    public static Optional<String> tryGet(String url, Duration timeout) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * A call to an admin endpoint, with {@code token} and an optional JSON body; the body of a 2xx answer, else an
     * exception naming the call.
     */
    public static String send(ControlToken token, String method, String url, String json, Duration timeout) {
        return send(token, method, url, json, "application/json", timeout);
    }

    /** As {@link #send(ControlToken, String, String, String, Duration)}, with a body of another media type. */
    public static String send(ControlToken token, String method, String url, String body, String contentType,
                              Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", token.bearer())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + url, e);
        }
    }
}
