package dev.shoplab.eventdriven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.testing.TestLab;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop against the real broker of the test lab, with a stand-in for what applies the records (each test
 * decides when it fails): what is applied, how often, and in which way, when processing fails unexpectedly or a
 * partition changes hands. Each test has a topic and a consumer group of its own.
 */
class ConsumerLoopTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final String bootstrap = TestLab.get().kafka().bootstrapServers();
    private final String topic = "consumer-loop-test-" + UUID.randomUUID();
    private final MessagingConfig config = config(bootstrap, "consumer-loop-test-" + UUID.randomUUID());
    private final KafkaClients kafka = new KafkaClients(config);
    private final List<ConsumerLoop> loops = new ArrayList<>();
    /** Values applied, in the order they were applied. */
    private final List<String> applied = new CopyOnWriteArrayList<>();
    /** Per poll applied in one transaction: the applying thread and how many records it applied. */
    private final List<String> appliedTogether = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopLoops() {
        loops.forEach(ConsumerLoop::close);
    }

    @Test
    void applies_the_records_of_a_poll_whose_processing_threw_unexpectedly_instead_of_skipping_them() {
        createTopic(1);
        send(0, "1", "2", "3");
        AtomicBoolean thrown = new AtomicBoolean();
        start(0, new Applying() {
            @Override
            public boolean processTogether(List<ConsumerRecord<String, byte[]>> records) {
                throwOnce();
                return super.processTogether(records);
            }

            @Override
            public Outcome process(ConsumerRecord<String, byte[]> record, int attempt) {
                throwOnce();
                return super.process(record, attempt);
            }

            private void throwOnce() {
                if (thrown.compareAndSet(false, true)) {
                    throw new IllegalStateException("test: a bug escapes the processing of a poll");
                }
            }
        });

        Awaitility.await("the records after the failure are applied").atMost(BOUND).until(() -> applied.size() >= 3);
        send(0, "4");

        Awaitility.await("a later record is applied").atMost(BOUND).until(() -> applied.contains("4"));
        assertThat(thrown).isTrue();
        assertThat(applied).containsExactly("1", "2", "3", "4");
    }

    @Test
    void applies_polls_in_one_transaction_again_once_the_partition_of_a_failing_record_was_handed_over() {
        createTopic(2);
        String first = "event-consumer-1";
        AtomicInteger failures = new AtomicInteger();
        start(1, new Applying() {
            @Override
            public boolean processTogether(List<ConsumerRecord<String, byte[]>> records) {
                return !failsHere(records.get(0)) && super.processTogether(records);
            }

            @Override
            public Outcome process(ConsumerRecord<String, byte[]> record, int attempt) {
                if (failsHere(record)) {
                    failures.incrementAndGet();
                    throw new HandlerFailure(new IllegalStateException("test: fails on " + first));
                }
                return super.process(record, attempt);
            }

            /** The record "stuck" fails whenever the first loop applies it, and only then. */
            private boolean failsHere(ConsumerRecord<String, byte[]> record) {
                return "stuck".equals(value(record)) && Thread.currentThread().getName().equals(first);
            }
        });
        send(0, "stuck");
        Awaitility.await("the first loop failed on the record").atMost(BOUND).until(() -> failures.get() > 0);

        // The second loop's member id sorts first: the range assignor hands it partition 0, the first loop keeps 1.
        start(0, new Applying());
        Awaitility.await("the second loop applied the record the first one failed on").atMost(BOUND)
                .until(() -> applied.contains("stuck"));
        send(1, "a", "b", "c", "d", "e");

        Awaitility.await("the burst is applied").atMost(BOUND).until(() -> applied.containsAll(List.of("a", "b", "c",
                "d", "e")));
        assertThat(appliedTogether).as("polls the first loop applied in one transaction").contains(first + ": 5");
    }

    @Test
    void a_loop_ended_by_an_error_reports_itself_dead_and_one_closed_on_purpose_does_not() {
        createTopic(1);
        start(0, new Applying() {
            @Override
            public Outcome process(ConsumerRecord<String, byte[]> record, int attempt) {
                throw new StackOverflowError("test: " + value(record));
            }
        });
        assertThat(loops.get(0).died()).as("before anything happened").isEmpty();

        send(0, "deep");

        Awaitility.await("the loop reports its death").atMost(BOUND).until(() -> loops.get(0).died().isPresent());
        assertThat(loops.get(0).died()).hasValueSatisfying(death -> assertThat(death)
                .startsWith("event-consumer-0 died").contains("StackOverflowError").contains("test: deep"));
        start(1, new Applying());
        Awaitility.await("the partition of the dead loop is handed over").atMost(BOUND)
                .until(() -> applied.contains("deep"));
        loops.get(1).close();
        assertThat(loops.get(1).died()).isEmpty();
    }

    /** Applies every record it is given, together or one by one, and notes which. */
    private class Applying implements RecordProcessor {

        @Override
        public boolean processTogether(List<ConsumerRecord<String, byte[]>> records) {
            records.forEach(r -> applied.add(value(r)));
            appliedTogether.add(Thread.currentThread().getName() + ": " + records.size());
            return true;
        }

        @Override
        public Outcome process(ConsumerRecord<String, byte[]> record, int attempt) {
            applied.add(value(record));
            return Outcome.DONE;
        }
    }

    private void start(int index, RecordProcessor processor) {
        loops.add(new ConsumerLoop(processor, kafka, config, index, Set.of(topic)).start());
    }

    private void createTopic(int partitions) {
        TestLab.get().kafka().createTopics(Map.of(topic, partitions));
    }

    /** Sends {@code values} to one partition as one batch, and waits for the acknowledgements. */
    private void send(int partition, String... values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 100);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (String value : values) {
                acks.add(producer.send(new ProducerRecord<>(topic, partition, value, value.getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String value(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    /** The messaging configuration of a service named {@code service}, with short retry waits and no relay. */
    private static MessagingConfig config(String bootstrap, String service) {
        return new Config(bootstrap, service, Optional.empty(), 4, 1, new ConsumerSettings(true, 1, 3,
                Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(10)), null);
    }

    private record Config(String bootstrapServers, String serviceName, Optional<String> instance, int partitions,
                          int replicationFactor, Consumer consumer, Relay relay) implements MessagingConfig {
    }

    private record ConsumerSettings(boolean enabled, int threads, int maxAttempts, Duration retryBackoff,
                                    Duration maxRetryBackoff, Duration sessionTimeout)
            implements MessagingConfig.Consumer {
    }
}
