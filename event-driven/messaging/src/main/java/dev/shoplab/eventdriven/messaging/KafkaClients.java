package dev.shoplab.eventdriven.messaging;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The plain Apache Kafka clients of a service, configured in one place: one idempotent producer (relay and
 * dead letters share it), consumers with manual commits and static group membership, and the topic set-up.
 * Created at start, so that a topic setting out of range stops the service there instead of in a background loop.
 */
@Startup
@ApplicationScoped
public class KafkaClients {

    private static final Logger LOG = Logger.getLogger(KafkaClients.class);

    private final MessagingConfig config;

    /** Replicas of every topic this service creates ({@link MessagingConfig#replicationFactor()}), checked. */
    private final short replicationFactor;

    /**
     * The clients of the service {@code config} describes; connects to nothing yet.
     *
     * @throws IllegalArgumentException when {@code shoplab.messaging.replication-factor} is below 1 or above 32767
     */
    KafkaClients(MessagingConfig config) {
        this.config = config;
        this.replicationFactor = replicationFactor(config.replicationFactor());
    }

    /** How long the broker holds a fetch that found nothing new (it answers at once when something comes). */
    static final int FETCH_MAX_WAIT_MS = 5_000;

    /** How often a consumer's heartbeat thread wakes up, and the first wait before a failed request is retried. */
    static final int RETRY_BACKOFF_MS = 500;

    private KafkaProducer<String, byte[]> producer;
    private volatile boolean topicsReady;

    /** The service's producer: idempotent (no duplicates or reordering from its own retries), acks from all replicas. */
    public synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-producer");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8 * 1024 * 1024);
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /**
     * A new consumer of the service's group. Offsets are committed by hand after the events are applied; the
     * member id is static ({@link #staticMemberId}), so a restarted process takes its partitions back at once
     * instead of waiting for the group to notice the old member died.
     *
     * <p>Chosen for a consumer that is idle most of the time and must react at once when an event comes: a
     * fetch is answered as soon as one byte is there ({@code fetch.min.bytes} 1), and otherwise waits at the
     * broker for up to {@link #FETCH_MAX_WAIT_MS} instead of the default 500 ms, so an idle consumer sends a
     * fetch every few seconds, not twice a second; the heartbeat thread wakes every {@code retry.backoff.ms}
     * ({@link #RETRY_BACKOFF_MS} instead of 100 ms) to see whether a heartbeat is due (one is, every
     * session timeout / 4).
     */
    public KafkaConsumer<String, byte[]> consumer(int index) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.serviceName());
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticMemberId(config.serviceName(), config.instance(), index));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-consumer-" + index);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.consumer().sessionTimeout().toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.max(500, config.consumer().sessionTimeout().toMillis() / 4));
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        props.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, RETRY_BACKOFF_MS);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The static group membership id of consumer thread {@code index}: {@code <instance>-<index>} for a named
     * replica ({@code order-service-1-0} for the first thread of pod {@code order-service-1}), else
     * {@code <service>-<index>}. Unique per thread and replica, and the same after a restart of the same replica.
     */
    static String staticMemberId(String serviceName, Optional<String> instance, int index) {
        return instance.filter(name -> !name.isBlank()).orElse(serviceName) + "-" + index;
    }

    /**
     * Makes sure every topic of the architecture exists (creating what is missing, leaving the rest), retrying
     * until the broker answers. Every service does it, so none depends on another having started first.
     */
    public void ensureTopics() {
        if (topicsReady) {
            return;
        }
        synchronized (this) {
            long waitMs = 200;
            while (!topicsReady) {
                try {
                    createTopics(Topics.all(config.partitions()));
                    topicsReady = true;
                } catch (RuntimeException e) {
                    LOG.warnf("Kafka at %s: cannot set up topics yet (%s); retrying in %d ms",
                            config.bootstrapServers(), BackgroundLoop.describe(e), waitMs);
                    try {
                        wait(waitMs);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while setting up topics", interrupted);
                    }
                    waitMs = Math.min(waitMs * 2, 5_000);
                }
            }
        }
    }

    /** True once the topics were found or created. */
    public boolean topicsReady() {
        return topicsReady;
    }

    /**
     * {@code configured} as Kafka's replication factor of a new topic.
     *
     * @throws IllegalArgumentException when it is below 1 or above 32767 ({@code Short.MAX_VALUE})
     */
    static short replicationFactor(int configured) {
        if (configured < 1 || configured > Short.MAX_VALUE) {
            throw new IllegalArgumentException("shoplab.messaging.replication-factor must be between 1 and "
                    + Short.MAX_VALUE + " (a count of brokers holding each new topic), not " + configured);
        }
        return (short) configured;
    }

    /**
     * The topics of {@code partitionsByTopic} that are not among {@code existing}, each to be created with its
     * partitions and {@code replicationFactor} replicas; the ones that exist are left as they are.
     */
    static List<NewTopic> missingTopics(Map<String, Integer> partitionsByTopic, Set<String> existing,
                                        short replicationFactor) {
        return partitionsByTopic.entrySet().stream()
                .filter(e -> !existing.contains(e.getKey()))
                .map(e -> new NewTopic(e.getKey(), e.getValue(), replicationFactor))
                .toList();
    }

    private void createTopics(Map<String, Integer> partitionsByTopic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.serviceName() + "-admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        Admin admin = Admin.create(props);
        try {
            var existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            var missing = missingTopics(partitionsByTopic, existing, replicationFactor);
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(10, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            admin.close(Duration.ofSeconds(5)); // close() waits without a bound for calls in flight
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
