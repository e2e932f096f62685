package dev.shoplab.eventdriven.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.eventdriven.messaging.EventJson;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads topics from the moment it is opened (no consumer group, every partition assigned), so a test can
 * say "after this stimulus, this event appears": {@link #await} polls until a matching event arrived or
 * the bound passes.
 */
public final class EventProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ReceivedEvent> received = new ArrayList<>();

    private EventProbe(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /** A probe on {@code topics} that sees only records published from now on. */
    public static EventProbe listen(String bootstrapServers, String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-probe");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        return new EventProbe(consumer);
    }

    /** Waits up to {@code bound} for an event matching {@code match}; returns the first such. */
    public ReceivedEvent await(Duration bound, String what, Predicate<ReceivedEvent> match) {
        ReceivedEvent[] found = new ReceivedEvent[1];
        Awaitility.await(what).atMost(bound).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    poll();
                    found[0] = received.stream().filter(match).findFirst().orElse(null);
                    return found[0] != null;
                });
        return found[0];
    }

    /** Waits up to {@code bound} until {@code count} events match {@code match}; returns them in arrival order. */
    public List<ReceivedEvent> awaitCount(Duration bound, String what, int count, Predicate<ReceivedEvent> match) {
        List<List<ReceivedEvent>> found = new ArrayList<>(List.of(List.of()));
        Awaitility.await(what).atMost(bound).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    poll();
                    found.set(0, received.stream().filter(match).toList());
                    return found.get(0).size() >= count;
                });
        return found.get(0);
    }

    /** Waits for the event of {@code type} about {@code orderId}. */
    public ReceivedEvent await(Duration bound, String type, String orderId) {
        return await(bound, type + " for order " + orderId,
                e -> type.equals(e.type()) && orderId.equals(e.orderId()));
    }

    /** Everything received so far (after one more poll). */
    public List<ReceivedEvent> received() {
        poll();
        return List.copyOf(received);
    }

    /** Events received so far about one order. */
    public List<ReceivedEvent> about(String orderId) {
        return received().stream().filter(e -> orderId.equals(e.orderId())).toList();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            received.add(new ReceivedEvent(r.topic(), r.partition(), r.offset(), r.key(), r.headers(), r.value(),
                    parse(r.value())));
        }
    }

    private static JsonNode parse(byte[] value) {
        try {
            return EventJson.parse(value);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The topics a collection of received events came from (for messages). */
    public static List<String> topics(Collection<ReceivedEvent> events) {
        return events.stream().map(ReceivedEvent::topic).distinct().toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
