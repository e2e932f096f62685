package dev.shoplab.traces;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One span as the receiver keeps it: OTLP's span with its ids in lowercase hex, its service from the resource, and
 * its attributes as text.
 *
 * @param traceId          32 lowercase hex digits
 * @param spanId           16 lowercase hex digits
 * @param parentSpanId     16 lowercase hex digits, or {@code ""} for a span that has no parent (a root)
 * @param service          the resource's {@code service.name} ({@code order-service}, {@code mesh} …), or
 *                         {@code "unknown_service"} when the exporter sent none
 * @param namespace        the resource's {@code service.namespace}: for shoplab's own processes the architecture
 *                         ({@code monolith}, {@code distributed-monolith}, {@code event-driven}); {@code ""} if none
 * @param name             the span's name ({@code POST /api/orders}, {@code orders.v1 publish} …)
 * @param kind             what the span stands for: a server handling a call, a client making one, a producer, a
 *                         consumer, or work inside a process
 * @param startEpochNanos  when it started, nanoseconds since 1970-01-01T00:00Z (the exporter's clock)
 * @param endEpochNanos    when it ended, same unit and clock; never before the start
 * @param status           OTLP's status code
 * @param statusMessage    the status's description ({@code ""} if none)
 * @param attributes       the span's attributes, values as text (arrays as {@code [a, b]}), each cut to
 *                         {@link Limits#maxAttributeChars()}; the first recorded exception's
 *                         {@code exception.type} and {@code exception.message} are added here
 * @param links            the spans this one is linked to (for a consumer: the producer's span)
 */
public record Span(String traceId, String spanId, String parentSpanId, String service, String namespace, String name,
                   Kind kind, long startEpochNanos, long endEpochNanos, Status status, String statusMessage,
                   Map<String, String> attributes, List<Link> links) {

    /** OTLP's span kinds. */
    public enum Kind { UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER }

    /** OTLP's status codes: {@code ERROR} marks a failed operation. */
    public enum Status { UNSET, OK, ERROR }

    /**
     * A link from this span to another span, of this trace or of another one.
     *
     * @param traceId    32 lowercase hex digits
     * @param spanId     16 lowercase hex digits
     * @param attributes the link's attributes, values as text
     */
    public record Link(String traceId, String spanId, Map<String, String> attributes) {

        public Link {
            Objects.requireNonNull(traceId, "traceId");
            Objects.requireNonNull(spanId, "spanId");
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    public Span {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(parentSpanId, "parentSpanId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusMessage, "statusMessage");
        if (endEpochNanos < startEpochNanos) {
            throw new IllegalArgumentException("span " + spanId + " ends before it starts");
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        links = List.copyOf(links);
    }

    /** How long it lasted. */
    public Duration duration() {
        return Duration.ofNanos(endEpochNanos - startEpochNanos);
    }

    /** True for a span that names no parent. */
    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    /** The order id it carries ({@link Trace#ORDER_ID_ATTRIBUTE}), or {@code null}. */
    public String orderId() {
        return attributes.get(Trace.ORDER_ID_ATTRIBUTE);
    }
}
