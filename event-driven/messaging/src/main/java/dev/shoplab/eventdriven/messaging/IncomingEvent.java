package dev.shoplab.eventdriven.messaging;

/**
 * An event as a handler receives it: the topic it came from, its envelope, and the trace span of the
 * work done on it (events appended while handling it continue the same trace).
 */
public record IncomingEvent(String topic, EventEnvelope envelope, TraceParent trace) {

    /** The payload read as {@code type} (the consumer's own view of the producer's facts). */
    public <T> T payload(Class<T> type) {
        return EventJson.read(envelope.payload(), type);
    }

    public String orderId() {
        return envelope.orderId();
    }

    public String type() {
        return envelope.type();
    }
}
