package dev.shoplab.eventdriven.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * One consumer thread: polls, applies what came in one transaction ({@link RecordProcessor#processTogether}) or,
 * when that cannot be, hands each record to {@link RecordProcessor#process}, and commits (at most once a
 * second, and when partitions are handed over or the loop stops: every record is already applied with its
 * processed-event record, so a redelivery after a lost commit is only skipped) a partition's
 * offset only past records that are done. A record that must be retried is sought back to, and the thread
 * waits (longer each time) before polling again; the partitions behind it wait, the others go on. If processing
 * throws unexpectedly (a bug: the processor retries and dead-letters what it knows), every partition is sought back
 * to its first record not done before the next poll, so nothing polled is skipped; an {@link Error} ends the thread
 * ({@link LoopThread}), and the consumer is closed so that its partitions can go to another member.
 */
final class ConsumerLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final RecordProcessor processor;
    private final KafkaClients kafka;
    private final MessagingConfig config;
    private final int index;
    private final Set<String> topics;
    private final LoopThread thread;
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

    /**
     * Failed attempts at records of this consumer's partitions, forgotten when the partition is handed over (its next
     * owner counts its own). While any is counted, polls are applied record by record.
     */
    private final Map<Position, Integer> failedAttempts = new HashMap<>();
    /** Offsets past applied records, not yet committed. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    /** True when the fetch positions may be past records not done: the next round seeks back before it polls. */
    private boolean rewind;
    private long lastCommit = System.nanoTime();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean subscribed;

    ConsumerLoop(RecordProcessor processor, KafkaClients kafka, MessagingConfig config, int index, Set<String> topics) {
        this.processor = processor;
        this.kafka = kafka;
        this.config = config;
        this.index = index;
        this.topics = topics;
        this.thread = new LoopThread("event-consumer-" + index, this::run);
    }

    ConsumerLoop start() {
        thread.start();
        return this;
    }

    boolean subscribed() {
        return subscribed;
    }

    /** Empty while the loop runs or once it was closed; otherwise its name and what ended it ({@link LoopThread}). */
    Optional<String> died() {
        return thread.died();
    }

    private void run() {
        try {
            kafka.ensureTopics();
        } catch (IllegalStateException e) {
            return; // interrupted while the service stops
        }
        consumer = kafka.consumer(index);
        try {
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commitNow(); // the next owner starts after what this one applied
                    failedAttempts.keySet().removeIf(position -> partitions.contains(position.partition()));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // nothing to do: the committed offsets say where to start
                }
            });
            subscribed = true;
            loop();
        } finally { // also when an Error ends the thread: what is applied is committed, the partitions are given up
            try {
                commitNow();
                consumer.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.debugf("closing consumer %d: %s", index, e);
            }
        }
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try {
                if (rewind) {
                    seekToFirstNotDone();
                }
                boolean retry = pollOnce();
                backoffMs = retry ? nextBackoff(backoffMs) : 0;
            } catch (WakeupException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                rewind = true; // what the last poll brought after the failure was not applied
                backoffMs = nextBackoff(backoffMs);
                LOG.warnf("consumer %d: %s", index, BackgroundLoop.describe(e));
            }
            if (backoffMs > 0) {
                pause(backoffMs);
            }
        }
    }

    /**
     * Seeks every assigned partition back to its first record not done: just past the records applied since the
     * last commit, else to the committed offset, else to the start (the reset policy, {@code earliest}). A record
     * applied but whose commit was lost comes again and is skipped as a duplicate.
     */
    private void seekToFirstNotDone() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, Duration.ofSeconds(10));
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata done = uncommitted.getOrDefault(partition, committed.get(partition));
            if (done == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, done.offset());
            }
        }
        rewind = false;
    }

    /**
     * Polls once and processes what came: all of it in one transaction when it can (nothing is being retried),
     * else record by record; true if some record has to be retried.
     */
    private boolean pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
        if (records.count() > 1 && failedAttempts.isEmpty() && processTogether(records)) {
            commitIfDue();
            return false;
        }
        boolean retry = false;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!processOne(new Position(partition, record.offset()), record)) {
                    consumer.seek(partition, record.offset());
                    retry = true;
                    break;
                }
                uncommitted.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        commitIfDue();
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

    /** Applies every record of the poll in one transaction; on success their offsets wait to be committed. */
    private boolean processTogether(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        records.partitions().forEach(partition -> all.addAll(records.records(partition)));
        if (!processor.processTogether(all)) {
            return false;
        }
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            uncommitted.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return true;
    }

    private void commitIfDue() {
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
    private boolean processOne(Position position, ConsumerRecord<String, byte[]> record) {
        int attempt = failedAttempts.getOrDefault(position, 0);
        try {
            RecordProcessor.Outcome outcome = processor.process(record, attempt);
            failedAttempts.remove(position);
            return outcome == RecordProcessor.Outcome.DONE;
        } catch (RecordProcessor.HandlerFailure e) {
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
        thread.stop(() -> {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            } else {
                thread.interrupt();
            }
        });
    }

    /** A record's place: its partition and offset. */
    private record Position(TopicPartition partition, long offset) {
    }
}
