package dev.shoplab.eventdriven.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One consumer thread: polls, applies what came in one transaction ({@link EventConsumers#processTogether}) or,
 * when that cannot be, hands each record to {@link EventConsumers#process}, and commits (at most once a
 * second, and when partitions are handed over or the loop stops: every record is already applied with its
 * processed-event record, so a redelivery after a lost commit is only skipped) a partition's
 * offset only past records that are done. A record that must be retried is sought back to, and the thread
 * waits (longer each time) before polling again; the partitions behind it wait, the others go on.
 */
final class ConsumerLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final EventConsumers consumers;
    private final KafkaClients kafka;
    private final MessagingConfig config;
    private final int index;
    private final Set<String> topics;
    private final Thread thread;
    /** How often applied offsets are committed: each commit is a write to the broker's offsets log. */
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The longest poll when nothing waits to be committed. */
    private static final Duration IDLE_POLL = Duration.ofSeconds(5);
    /**
     * How long closing the consumer may take. By then the offsets are committed ({@code commitNow}) and the client
     * leaves its group first; what a longer bound would wait for is the courtesy of closing the broker's fetch
     * session, which waits for the fetch in flight — a long poll of up to {@link KafkaClients#FETCH_MAX_WAIT_MS}.
     * With 5 s every service took 4 s to stop, the event-driven system 4 s per bench run.
     */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private final Map<String, Integer> failedAttempts = new HashMap<>();
    /** Offsets past applied records, not yet committed. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private long lastCommit = System.nanoTime();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean subscribed;

    ConsumerLoop(EventConsumers consumers, KafkaClients kafka, MessagingConfig config, int index, Set<String> topics) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.config = config;
        this.index = index;
        this.topics = topics;
        this.thread = new Thread(this::run, "event-consumer-" + index);
        this.thread.setDaemon(true);
    }

    ConsumerLoop start() {
        thread.start();
        return this;
    }

    boolean subscribed() {
        return subscribed;
    }

    private void run() {
        try {
            kafka.ensureTopics();
        } catch (IllegalStateException e) {
            return; // interrupted while the service stops
        }
        consumer = kafka.consumer(index);
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commitNow(); // the next owner starts after what this one applied
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // nothing to do: the committed offsets say where to start
            }
        });
        subscribed = true;
        long backoffMs = 0;
        while (running) {
            try {
                boolean retry = pollOnce();
                backoffMs = retry ? nextBackoff(backoffMs) : 0;
            } catch (WakeupException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                backoffMs = nextBackoff(backoffMs);
                LOG.warnf("consumer %d: %s", index, BackgroundLoop.describe(e));
            }
            if (backoffMs > 0) {
                pause(backoffMs);
            }
        }
        try {
            commitNow();
            consumer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debugf("closing consumer %d: %s", index, e);
        }
    }

    /**
     * Polls once and processes what came: all of it in one transaction when it can (nothing is being retried),
     * else record by record; true if some record has to be retried.
     */
    private boolean pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        if (records.count() > 1 && failedAttempts.isEmpty() && processTogether(records, done)) {
            commit(done);
            return false;
        }
        done.clear();
        boolean retry = false;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!processOne(record)) {
                    consumer.seek(partition, record.offset());
                    retry = true;
                    break;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        commit(done);
        return retry;
    }

    /**
     * How long a poll may wait for records: until applied offsets are due to be committed, if some are waiting,
     * otherwise {@link #IDLE_POLL} (a poll returns as soon as records come; the wait only bounds how often an
     * idle loop turns).
     */
    private Duration pollTimeout() {
        if (uncommitted.isEmpty()) {
            return IDLE_POLL;
        }
        long untilCommit = COMMIT_INTERVAL_NANOS - (System.nanoTime() - lastCommit);
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), untilCommit));
    }

    /** Applies every record of the poll in one transaction; on success {@code done} holds the offsets to commit. */
    private boolean processTogether(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            all.addAll(inPartition);
            done.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return consumers.processTogether(all);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        uncommitted.putAll(done);
        if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
            commitNow();
        }
    }

    private void commitNow() {
        lastCommit = System.nanoTime();
        if (uncommitted.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(uncommitted);
        uncommitted.clear();
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // The records are applied; if the commit is lost they come again and are skipped as duplicates.
            LOG.warnf("consumer %d: offset commit failed (%s); duplicates will be skipped", index,
                    BackgroundLoop.describe(e));
        }
    }

    /** True if the record is done (applied, skipped or dead-lettered), false if it has to be delivered again. */
    private boolean processOne(ConsumerRecord<String, byte[]> record) {
        String position = record.topic() + "/" + record.partition() + "/" + record.offset();
        int attempt = failedAttempts.getOrDefault(position, 0);
        try {
            EventConsumers.Outcome outcome = consumers.process(record, attempt);
            failedAttempts.remove(position);
            return outcome == EventConsumers.Outcome.DONE;
        } catch (EventConsumers.HandlerFailure e) {
            failedAttempts.put(position, attempt + 1);
            return false;
        }
    }

    private long nextBackoff(long current) {
        long first = config.consumer().retryBackoff().toMillis();
        return current == 0 ? first : Math.min(current * 2, config.consumer().maxRetryBackoff().toMillis());
    }

    private void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        } else {
            thread.interrupt();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
