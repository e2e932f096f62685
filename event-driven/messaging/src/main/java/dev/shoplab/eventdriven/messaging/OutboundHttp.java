package dev.shoplab.eventdriven.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * JSON over HTTP to an external provider (the PSP, the mail sink), asynchronously, so a slow provider costs
 * waiting and not threads. Never fails: every outcome, no answer included, is an {@link HttpAnswer}.
 */
public final class OutboundHttp {

    private final String baseUrl;
    private final Duration requestTimeout;
    private final HttpClient http;

    /** A client of the provider at {@code baseUrl}, with a connect timeout and a per-request timeout. */
    public OutboundHttp(String baseUrl, Duration connectTimeout, Duration requestTimeout) {
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
    }

    /** POSTs {@code body} as JSON to {@code path}. */
    public CompletableFuture<HttpAnswer> post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(body))));
    }

    /** GETs {@code pathAndQuery} (already encoded). */
    public CompletableFuture<HttpAnswer> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET());
    }

    private CompletableFuture<HttpAnswer> send(HttpRequest.Builder request) {
        return http.sendAsync(request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> failure == null ? answer(response) : noAnswer(failure));
    }

    private static HttpAnswer answer(HttpResponse<byte[]> response) {
        JsonNode body;
        try {
            body = response.body().length == 0 ? null : EventJson.parse(response.body());
        } catch (IOException e) {
            body = null;
        }
        return HttpAnswer.of(response.statusCode(), body);
    }

    private static HttpAnswer noAnswer(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        boolean connected = !(cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || cause.getCause() instanceof ConnectException);
        String what = cause instanceof HttpTimeoutException && connected ? "timed out" : cause.toString();
        return HttpAnswer.none(connected, what);
    }
}
