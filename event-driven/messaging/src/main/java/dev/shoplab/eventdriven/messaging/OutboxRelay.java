package dev.shoplab.eventdriven.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Pattern: transactional outbox, the relay half. One thread takes the oldest unpublished rows, sends them in id
 * order with the idempotent producer, waits for every acknowledgement, and only then stamps them published, in the
 * same transaction. A crash between send and stamp publishes them again: delivery is at least once, and consumers
 * deduplicate on the event id.
 *
 * <p>One relay per database publishes at a time, whatever the number of replicas of the service: a round first
 * takes a transaction-scoped advisory lock, and a replica that does not get it publishes nothing that round.
 * Two relays taking batches side by side (each skipping the other's locked rows) could send one order's events
 * out of their id order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String CLAIM = """
            select * from outbox_message where published_at is null order by id limit :limit
            for update skip locked""";

    /** The key of the advisory lock a relay's round takes: one relay per database at a time (the same in every replica). */
    public static final long LOCK_KEY = 7_310_862_044L;

    private static final String ONE_RELAY_AT_A_TIME = "select pg_try_advisory_xact_lock(" + LOCK_KEY + ")";

    private final EntityManager em;

    private final KafkaClients kafka;

    private final MessagingConfig config;

    private final MeterRegistry metrics;

    OutboxRelay(EntityManager em, KafkaClients kafka, MessagingConfig config, MeterRegistry metrics) {
        this.em = em;
        this.kafka = kafka;
        this.config = config;
        this.metrics = metrics;
    }

    private BackgroundLoop loop;
    private Counter published;
    private Instant lastPurge = Instant.EPOCH;

    void start(@Observes StartupEvent event) {
        published = metrics.counter("shoplab.outbox.published");
        loop = new BackgroundLoop("outbox-relay", config.relay().pollInterval(), Duration.ofSeconds(5),
                this::relayOnce).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Asks the relay to look at the outbox now (called after a commit that appended events). */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    /** One round: publishes up to a batch of rows; true if it found any. */
    boolean relayOnce() {
        kafka.ensureTopics();
        purgeNow();
        int sent = QuarkusTransaction.requiringNew().timeout(60).call(this::publishBatch);
        published.increment(sent);
        return sent > 0;
    }

    @SuppressWarnings("unchecked")
    private int publishBatch() {
        if (!(Boolean) em.createNativeQuery(ONE_RELAY_AT_A_TIME).getSingleResult()) {
            return 0; // another replica's relay is publishing this database's outbox
        }
        List<OutboxRow> batch = em.createNativeQuery(CLAIM, OutboxRow.class)
                .setParameter("limit", config.relay().batchSize())
                .getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxRow message : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(message.topic, null, message.messageKey,
                    message.envelope.getBytes(StandardCharsets.UTF_8),
                    List.of(new RecordHeader(TraceParent.HEADER, message.traceparent.getBytes(StandardCharsets.UTF_8))));
            acks.add(kafka.producer().send(record));
        }
        kafka.producer().flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // Nothing is stamped: the whole batch is sent again next round (consumers deduplicate).
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying", e);
        }
        Instant now = Instant.now();
        batch.forEach(message -> message.publishedAt = now);
        return batch.size();
    }

    private void purgeNow() {
        Instant now = Instant.now();
        if (lastPurge.plusSeconds(60).isAfter(now)) {
            return;
        }
        lastPurge = now;
        Instant before = now.minus(config.relay().retention());
        QuarkusTransaction.requiringNew().run(() -> em
                .createQuery("delete from OutboxRow where publishedAt < :before")
                .setParameter("before", before)
                .executeUpdate());
    }
}
