package dev.shoplab.eventdriven.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.eventdriven.messaging.EventJson;
import dev.shoplab.eventdriven.messaging.TraceParent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes stimuli for tests: well-formed events in the envelope of the contract, or any bytes at all. */
public final class EventSender implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    private EventSender(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** A sender to the broker at {@code bootstrapServers} that sends records uncompressed. */
    public static EventSender connect(String bootstrapServers) {
        return connect(bootstrapServers, "none");
    }

    /**
     * A sender whose batches are compressed with {@code compressionType} (Kafka's {@code compression.type}: none, gzip,
     * snappy, lz4, zstd), as another service's producer may send them: a record larger than the broker's limit then
     * reaches the topic if it compresses below it.
     */
    public static EventSender connect(String bootstrapServers, String compressionType) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "test-sender");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionType);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16 * 1024 * 1024);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return new EventSender(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    /** An envelope with a fresh event id and the current time. */
    public static ObjectNode envelope(String type, int version, String orderId, Object payload) {
        ObjectNode envelope = EventJson.mapper().createObjectNode();
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("version", version);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("orderId", orderId);
        envelope.set("payload", EventJson.tree(payload));
        return envelope;
    }

    /** Publishes an event (keyed by its orderId) with a traceparent header; returns it. */
    public ObjectNode send(String topic, ObjectNode envelope) {
        send(topic, envelope.path("orderId").asText(null), EventJson.write(envelope).getBytes(StandardCharsets.UTF_8));
        return envelope;
    }

    /** Publishes raw bytes (poison, for example) and waits for the acknowledgement. */
    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, List.of(new RecordHeader(TraceParent.HEADER,
                    TraceParent.newRoot().header().getBytes(StandardCharsets.UTF_8))))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
