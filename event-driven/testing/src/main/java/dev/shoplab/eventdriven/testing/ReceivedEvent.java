package dev.shoplab.eventdriven.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** A record a probe read: where it was, its key, headers and value (as JSON when it is JSON). */
public record ReceivedEvent(String topic, int partition, long offset, String key, Headers headers, byte[] value,
                            JsonNode json) {

    /** The envelope's {@code type}, or null when the value is not a JSON object. */
    public String type() {
        return field("type");
    }

    /** The envelope's {@code orderId}, or null. */
    public String orderId() {
        return field("orderId");
    }

    /** The envelope's {@code eventId}, or null. */
    public String eventId() {
        return field("eventId");
    }

    /** The payload, or a missing node. */
    public JsonNode payload() {
        return json == null ? MissingNode.getInstance() : json.path("payload");
    }

    /** A header as text, or null. */
    public String header(String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private String field(String name) {
        return json == null || !json.hasNonNull(name) ? null : json.get(name).asText();
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset + " key=" + key + " " + (json != null ? json
                : new String(value, StandardCharsets.UTF_8));
    }
}
