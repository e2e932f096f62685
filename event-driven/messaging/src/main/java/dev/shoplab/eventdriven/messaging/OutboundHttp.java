package dev.shoplab.eventdriven.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
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
 * waiting and not threads. Never fails: every outcome, no answer included, is an {@link HttpAnswer}. Each call is a
 * client span under the span of the work it is for, and sends that span's {@code traceparent} ({@link EventTracing}).
 */
public final class OutboundHttp {

    private final String baseUrl;
    private final Duration requestTimeout;
    private final EventTracing tracing;
    private final HttpClient http;

    /** A client of the provider at {@code baseUrl}, with a connect timeout and a per-request timeout. */
    public OutboundHttp(String baseUrl, Duration connectTimeout, Duration requestTimeout, EventTracing tracing) {
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.tracing = tracing;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
    }

    /**
     * POSTs {@code body} as JSON to {@code path}, for the work whose span {@code traceparent} names (null: none) about
     * order {@code orderId}.
     */
    public CompletableFuture<HttpAnswer> post(String path, Object body, String traceparent, String orderId) {
        return send("POST", URI.create(baseUrl + path), HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(body))), traceparent, orderId);
    }

    /** GETs {@code pathAndQuery} (already encoded), for the work {@code traceparent} names, about {@code orderId}. */
    public CompletableFuture<HttpAnswer> get(String pathAndQuery, String traceparent, String orderId) {
        return send("GET", URI.create(baseUrl + pathAndQuery), HttpRequest.newBuilder().GET(), traceparent, orderId);
    }

    private CompletableFuture<HttpAnswer> send(String method, URI uri, HttpRequest.Builder request, String traceparent,
                                               String orderId) {
        Span call = tracing.startCall(method, uri, traceparent, orderId);
        EventTracing.inject(call, request, HttpRequest.Builder::setHeader);
        return http.sendAsync(request.uri(uri).timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> failure == null ? answer(response) : noAnswer(failure))
                .whenComplete((answer, failure) -> EventTracing.endCall(call,
                        answer != null && answer.answered() ? answer.status() : 0,
                        answer != null ? answer.failure() : String.valueOf(failure)));
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
