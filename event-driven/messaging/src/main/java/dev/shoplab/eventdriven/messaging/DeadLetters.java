package dev.shoplab.eventdriven.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Poison messages (not JSON, not the contract, unknown type or version, or a handler that keeps failing)
 * are moved to {@code <topic>.dlt}: same key and bytes, the original headers, and headers that say why,
 * who gave up and where the message was. The consumer then moves on; nothing waits behind a poison message.
 *
 * <p>A copy the producer or the broker refuses as too large is sent smaller rather than retried forever: a record of
 * close to the broker's limit ({@code message.max.bytes}, 1 MiB by default) grows past it with these headers, and a
 * record its producer compressed below the limit arrives here decompressed, and this service's producer sends it
 * as it is (both end in Kafka's {@code RecordTooLargeException}, which no retry cures). Then the dead letter carries
 * an empty value and a {@link #DROPPED} header that says what was left out and why; if even that is refused (the key
 * or the original headers are what is too large), key and original headers are left out too. What is left out can
 * still be read at its origin, for as long as that topic keeps it. Any other failure (the broker is unreachable, a
 * timeout, an error of the broker's) leaves the record to be dead-lettered again later, its value kept.
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
    /**
     * Header, only on a dead letter that could not carry the whole record: what it leaves out ({@code value of <n>
     * bytes}, and maybe the key and headers) and the producer's refusal, for example {@code value of 3145728 bytes:
     * RecordTooLargeException: …}.
     */
    public static final String DROPPED = "dlt-dropped";

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

    /**
     * Publishes the record to its dead-letter topic and waits for the acknowledgement, leaving out what the producer
     * or broker refuses for good (see the class); throws {@link IllegalStateException} if no copy was acknowledged
     * and a later try may succeed.
     */
    public void send(ConsumerRecord<String, byte[]> record, String reason) {
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        List<Header> why = List.of(header(REASON, shortReason), header(CONSUMER, config.serviceName()),
                header(ORIGIN, record.topic() + "/" + record.partition() + "/" + record.offset()),
                header(AT, Instant.now().toString()));
        String topic = Topics.deadLetter(record.topic());
        Header[] original = record.headers().toArray();
        String valueDropped = "value of " + (record.value() == null ? 0 : record.value().length) + " bytes";
        String dropped = null;
        try {
            publish(topic, record.key(), record.value(), original, why, null);
        } catch (Refused whole) {
            dropped = valueDropped + ": " + whole.getMessage();
            try {
                publish(topic, record.key(), new byte[0], original, why, dropped);
            } catch (Refused withoutValue) {
                dropped = valueDropped + ", key and headers: " + withoutValue.getMessage();
                try {
                    publish(topic, null, new byte[0], new Header[0], why, dropped);
                } catch (Refused evenThen) { // not this record: the topic, or the producer's configuration
                    throw new IllegalStateException("cannot publish to " + topic + ": " + evenThen.getMessage());
                }
            }
        }
        metrics.counter("shoplab.events.dead.lettered", "topic", record.topic()).increment();
        LOG.warnf("dead-lettered %s/%d/%d to %s: %s%s", record.topic(), record.partition(), record.offset(), topic,
                shortReason, dropped == null ? "" : " (left out: " + dropped + ")");
    }

    /** Sends one dead letter and waits for its acknowledgement; {@link Refused} if it is refused for good. */
    private void publish(String topic, String key, byte[] value, Header[] original, List<Header> why, String dropped) {
        Headers headers = new RecordHeaders(original);
        why.forEach(headers::add);
        if (dropped != null) {
            headers.add(header(DROPPED, dropped));
        }
        try {
            kafka.producer().send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // only a refusal of its size is for good: any other error (an UnknownServerException among them) may pass,
            // and a copy without its value would lose the payload for nothing
            if (e.getCause() instanceof RecordTooLargeException || e.getCause() instanceof RecordBatchTooLargeException) {
                throw new Refused(BackgroundLoop.describe(e.getCause()));
            }
            throw new IllegalStateException("cannot publish to " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The producer or the broker refused a dead letter for good, as too large: a smaller one may pass. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
