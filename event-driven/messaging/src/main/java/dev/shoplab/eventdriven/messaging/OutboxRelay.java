package dev.shoplab.eventdriven.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Pattern: transactional outbox, the relay half. One thread takes the oldest rows out of the outbox in one
 * statement ({@code delete … returning}, rows locked, so a second relay would skip them), sends them in id
 * order with the idempotent producer, waits for every acknowledgement, and only then commits the delete. If
 * a send is not acknowledged the transaction rolls back and the rows are there again for the next round; a
 * crash between the acknowledgement and the commit publishes them again: delivery is at least once, and
 * consumers deduplicate on the event id.
 *
 * <p>The relay runs when a commit that appended events nudges it ({@link #wake()}), again at once while it
 * finds full batches, and otherwise every {@code shoplab.messaging.relay.poll-interval} as a safety net.
 * Each send is a producer span under the span that wrote the event ({@link EventTracing}); its context is the
 * {@code traceparent} header sent.
 *
 * <p>One relay per database publishes at a time, whatever the number of replicas of the service: a round first
 * takes a transaction-scoped advisory lock, and a replica that does not get it publishes nothing that round.
 * Two relays taking batches side by side (each skipping the other's locked rows) could send one order's events
 * out of their id order.
 */
@ApplicationScoped
public class OutboxRelay implements RunsLoops {

    private static final String TAKE = """
            delete from outbox_message where id in (
                select id from outbox_message order by id limit ? for update skip locked)
            returning id, event_id, topic, message_key, event_type, order_id, envelope, traceparent""";

    /** The key of the advisory lock a relay's round takes: one relay per database at a time (the same in every replica). */
    public static final long LOCK_KEY = 7_310_862_044L;

    /**
     * Takes the round's advisory lock and, in the same round trip, lets the round's delete commit without waiting for
     * its WAL flush (PostgreSQL's asynchronous commit, {@code set_config(…, true)} being {@code SET LOCAL}): a crash
     * of PostgreSQL can undo at most the last ≈ 0.6 s of deletes (three {@code wal_writer_delay}s, PostgreSQL docs
     * "Asynchronous Commit"), and a row that comes back is sent again — the at-least-once delivery above, which the
     * consumers deduplicate; nothing acts on a delete having committed (its sends were acknowledged before). Every
     * other transaction of a service (a state change with its outbox rows and processed-event record) still waits for
     * its flush: losing one of those would lose an event (ADR 0017, addendum).
     */
    private static final String ONE_RELAY_AT_A_TIME = "select pg_try_advisory_xact_lock(" + LOCK_KEY + "),"
            + " set_config('synchronous_commit', 'off', true)";

    private final Sql sql;

    private final KafkaClients kafka;

    private final MessagingConfig config;

    private final MeterRegistry metrics;

    private final EventTracing tracing;

    OutboxRelay(DataSource database, KafkaClients kafka, MessagingConfig config, MeterRegistry metrics,
                EventTracing tracing) {
        this.sql = new Sql(database);
        this.kafka = kafka;
        this.config = config;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    private BackgroundLoop loop;
    private Counter published;

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

    @Override
    public List<String> deadLoops() {
        return loop == null ? List.of() : loop.died().stream().toList();
    }

    /** Asks the relay to look at the outbox now (called after a commit that appended events). */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    /** One round: publishes up to a batch of rows; true if the batch was full (more may be waiting). */
    boolean relayOnce() {
        kafka.ensureTopics();
        int sent = QuarkusTransaction.requiringNew().timeout(60).call(this::publishBatch);
        published.increment(sent);
        return sent == config.relay().batchSize();
    }

    /** A row taken from the outbox: its position, where it goes, and what is sent. */
    record Message(long id, String eventId, String topic, String key, String eventType, String orderId,
                   String envelope, String traceparent) {
    }

    private int publishBatch() {
        if (!sql.one(ONE_RELAY_AT_A_TIME, row -> row.getBoolean(1)).orElse(false)) {
            return 0; // another replica's relay is publishing this database's outbox
        }
        List<Message> batch = take(config.relay().batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        List<Span> sends = new ArrayList<>(batch.size());
        Exception failure = null;
        try {
            for (Message message : batch) {
                Span send = tracing.startPublish(message);
                sends.add(send);
                acks.add(kafka.producer().send(record(message,
                        EventTracing.traceOf(send, TraceParent.resume(message.traceparent())).header())));
            }
            kafka.producer().flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            failure = e;
            // The transaction rolls back: the whole batch is in the outbox again next round (consumers deduplicate).
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying", e);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            for (Span send : sends) {
                EventTracing.end(send, failure);
            }
        }
        return batch.size();
    }

    /** Deletes the oldest {@code limit} rows (inside the caller's transaction) and returns them in id order. */
    private List<Message> take(int limit) {
        List<Message> batch = new ArrayList<>(sql.list(TAKE, row -> new Message(row.getLong(1), row.getString(2),
                row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                row.getString(8)), limit));
        batch.sort(Comparator.comparingLong(Message::id)); // "returning" promises no order
        return batch;
    }

    /** The record of {@code message}, its {@code traceparent} header the context of its producer span. */
    private static ProducerRecord<String, byte[]> record(Message message, String traceparent) {
        return new ProducerRecord<>(message.topic(), null, message.key(),
                message.envelope().getBytes(StandardCharsets.UTF_8),
                List.of(new RecordHeader(TraceParent.HEADER, traceparent.getBytes(StandardCharsets.UTF_8))));
    }
}
