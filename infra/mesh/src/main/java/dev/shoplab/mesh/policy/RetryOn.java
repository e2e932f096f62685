package dev.shoplab.mesh.policy;

import java.util.Arrays;
import java.util.Optional;

/** The Envoy retry conditions that Istio accepts in {@code retries.retryOn}, and what each one retries here. */
public enum RetryOn {
    /** Any 5xx answer, and a try that got no answer (connect failure, reset, per-try timeout). */
    FIVE_XX("5xx"),
    /** 502, 503 or 504, and a try that got no answer (connect failure, reset, per-try timeout). */
    GATEWAY_ERROR("gateway-error"),
    /** A try that got no answer at all: reset, disconnect, per-try timeout, connect failure. */
    RESET("reset"),
    /** The TCP connection to the upstream could not be opened (refused, or connect timeout). */
    CONNECT_FAILURE("connect-failure"),
    /** A 409 answer. */
    RETRIABLE_4XX("retriable-4xx"),
    /** An answer whose status is in the route's list (numbers in retryOn) or in x-envoy-retriable-status-codes. */
    RETRIABLE_STATUS_CODES("retriable-status-codes"),
    /** A reset before the request went out; with HTTP/1.1 here it is treated like connect-failure. */
    RESET_BEFORE_REQUEST("reset-before-request"),
    /** HTTP/2 REFUSED_STREAM: never happens over the HTTP/1.1 the mesh speaks, accepted and inert. */
    REFUSED_STREAM("refused-stream"),
    /** HTTP/3 only: accepted and inert. */
    HTTP3_POST_CONNECT_FAILURE("http3-post-connect-failure"),
    /** Envoy rate-limit header: the mesh has no rate limiter, accepted and inert. */
    ENVOY_RATELIMITED("envoy-ratelimited"),
    /** Needs retriable header names that Istio cannot set: accepted and inert. */
    RETRIABLE_HEADERS("retriable-headers"),
    /** gRPC status (the shop speaks JSON over HTTP/1.1): accepted and inert. */
    CANCELLED("cancelled"),
    /** gRPC status: accepted and inert. */
    DEADLINE_EXCEEDED("deadline-exceeded"),
    /** gRPC status: accepted and inert. */
    INTERNAL("internal"),
    /** gRPC status: accepted and inert. */
    RESOURCE_EXHAUSTED("resource-exhausted"),
    /** gRPC status: accepted and inert. */
    UNAVAILABLE("unavailable");

    private final String token;

    RetryOn(String token) {
        this.token = token;
    }

    /** The spelling used in Istio YAML and in Envoy's x-envoy-retry-on header. */
    public String token() {
        return token;
    }

    /** Looks a retryOn token up (exact spelling, as Istio validates it). */
    public static Optional<RetryOn> of(String token) {
        return Arrays.stream(values()).filter(r -> r.token.equals(token)).findFirst();
    }
}
