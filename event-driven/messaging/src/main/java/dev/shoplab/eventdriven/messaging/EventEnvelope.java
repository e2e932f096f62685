package dev.shoplab.eventdriven.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The envelope of every event on every topic: who it is ({@code eventId}), what it is ({@code type},
 * {@code version}), when it happened, which order it is about (null only for catalogue snapshots that
 * no order caused), and the facts themselves ({@code payload}, described by the type's JSON Schema).
 */
public record EventEnvelope(String eventId, String type, int version, Instant occurredAt,
                            @JsonInclude(JsonInclude.Include.ALWAYS) String orderId, JsonNode payload) {
}
