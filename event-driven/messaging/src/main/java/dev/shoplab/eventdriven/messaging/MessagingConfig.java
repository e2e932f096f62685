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

    /** The consumer loop. */
    Consumer consumer();

    /** The outbox relay. */
    Relay relay();

    /** Settings of the consumer loop. */
    interface Consumer {

        /** Whether this service consumes at all (tests of a producer alone may switch it off). */
        @WithDefault("true")
        boolean enabled();

        /** Consumer threads, each a member of the group with partitions of its own. */
        @WithDefault("2")
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

        /** How often the relay looks for unpublished rows when nobody nudged it (a safety net: commits nudge it). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Most rows published per round. */
        @WithDefault("200")
        int batchSize();

        /** How long published rows are kept (for inspection) before they are deleted. */
        @WithDefault("1h")
        Duration retention();
    }
}
