package dev.shoplab.eventdriven.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of the messaging plumbing ({@code shoplab.messaging.*}): Kafka, consumers, outbox relay. */
@ConfigMapping(prefix = "shoplab.messaging")
public interface MessagingConfig {

    /** Kafka bootstrap servers; by default Quarkus's {@code kafka.bootstrap.servers}. */
    @WithDefault("${kafka.bootstrap.servers:127.0.0.1:9092}")
    String bootstrapServers();

    /** This service's name: its consumer group, Kafka client ids, and the consumer named in dead letters. */
    @WithDefault("${quarkus.application.name}")
    String serviceName();

    /**
     * This replica's name when a service runs as several (the pod's name on Kubernetes, from
     * {@code SHOPLAB_MESSAGING_INSTANCE}): its consumers' static group membership ids become
     * {@code <instance>-<thread>}, so two replicas never claim the same id (the broker would fence one). Empty for
     * the lab's one process per service: the ids are {@code <service>-<thread>}.
     */
    Optional<String> instance();

    /** Partitions of each saga topic when this service has to create it (the unit of consumer parallelism). */
    @WithDefault("4")
    int partitions();

    /**
     * Replication factor (a count of brokers, 1 to 32767) of every topic this service has to create: 1 for the
     * lab's single broker; on a cluster of three brokers with {@code min.insync.replicas=2}, 3 — a topic with
     * fewer replicas than that minimum refuses every send, since the producer waits for all in-sync replicas.
     * Topics that exist already are left as they are. Set on a pod as {@code SHOPLAB_MESSAGING_REPLICATION_FACTOR}
     * or in its {@code config/application.properties}. A value outside that range stops the service at start
     * ({@link IllegalArgumentException} from {@link KafkaClients}).
     */
    @WithDefault("1")
    int replicationFactor();

    /** The consumer loop. */
    Consumer consumer();

    /** The outbox relay. */
    Relay relay();

    /** Settings of the consumer loop. */
    interface Consumer {

        /** Whether this service consumes at all (tests of a producer alone may switch it off). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Consumer threads, each a member of the group with partitions of its own. One by default: a thread
         * applies everything a poll brings in one transaction, so one thread keeps up with far more than two
         * cores can feed it, every member costs the broker fetches and heartbeats, and two members of one
         * service applying batches at once can lock the same rows in different orders.
         */
        @WithDefault("1")
        int threads();

        /** Attempts at an event whose handler fails for a non-transient reason before it goes to the dead-letter topic. */
        @WithDefault("3")
        int maxAttempts();

        /** First wait before an event is retried; doubles on every failure in a row. */
        @WithDefault("200ms")
        Duration retryBackoff();

        /** Longest wait between retries (a database that is down is retried at this pace until it is back). */
        @WithDefault("5s")
        Duration maxRetryBackoff();

        /** Group session timeout: how soon a crashed member's partitions are handed to others. */
        @WithDefault("10s")
        Duration sessionTimeout();
    }

    /** Settings of the outbox relay. */
    interface Relay {

        /**
         * How often the relay looks at the outbox when nobody nudged it. A safety net only: every commit that
         * appends events nudges the relay of its own service, and a relay that fails retries with a backoff of
         * its own, so this costs nothing in latency; it bounds how long a row could wait if a nudge were lost.
         */
        @WithDefault("10s")
        Duration pollInterval();

        /** Most rows published per round (one statement takes them, one send per row, one flush). */
        @WithDefault("200")
        int batchSize();
    }
}
