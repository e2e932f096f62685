package dev.shoplab.eventdriven.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Poison messages (not JSON, not the contract, unknown type or version, or a handler that keeps failing)
 * are moved to {@code <topic>.dlt}: same key and bytes, the original headers, and headers that say why,
 * who gave up and where the message was. The consumer then moves on; nothing waits behind a poison message.
 */
@ApplicationScoped
public class DeadLetters {

    /** Header: why the message was dead-lettered. */
    public static final String REASON = "dlt-reason";
    /** Header: the consumer group that gave up on it. */
    public static final String CONSUMER = "dlt-consumer";
    /** Header: where it was: topic, partition and offset. */
    public static final String ORIGIN = "dlt-origin";
    /** Header: when it was dead-lettered. */
    public static final String AT = "dlt-at";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int MAX_REASON = 1000;

    private final KafkaClients kafka;

    private final MessagingConfig config;

    private final MeterRegistry metrics;

    DeadLetters(KafkaClients kafka, MessagingConfig config, MeterRegistry metrics) {
        this.kafka = kafka;
        this.config = config;
        this.metrics = metrics;
    }

    /** Publishes the record to its dead-letter topic and waits for the acknowledgement (throws if there is none). */
    public void send(ConsumerRecord<String, byte[]> record, String reason) {
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, bytes(shortReason));
        headers.add(CONSUMER, bytes(config.serviceName()));
        headers.add(ORIGIN, bytes(record.topic() + "/" + record.partition() + "/" + record.offset()));
        headers.add(AT, bytes(Instant.now().toString()));
        String topic = Topics.deadLetter(record.topic());
        try {
            kafka.producer().send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        metrics.counter("shoplab.events.dead.lettered", "topic", record.topic()).increment();
        LOG.warnf("dead-lettered %s/%d/%d to %s: %s", record.topic(), record.partition(), record.offset(), topic,
                shortReason);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
