package dev.shoplab.eventdriven.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * The replication factor of the topics a service creates when they are missing: 1 for the lab's one broker, set
 * per deployment (a cluster of three brokers with {@code min.insync.replicas=2} needs 3, or every send fails).
 */
class TopicReplicationTest {

    @Test
    void a_service_creates_its_missing_topics_with_one_replica_unless_told_otherwise() {
        assertThat(config().replicationFactor()).isEqualTo(1);
    }

    @Test
    void a_deployment_sets_it_in_the_config_map_or_in_the_pods_environment() {
        ConfigSource configMap = new PropertiesConfigSource(Map.of("shoplab.messaging.replication-factor", "3"),
                "config/application.properties", 260);
        ConfigSource environment = new EnvConfigSource(Map.of("SHOPLAB_MESSAGING_REPLICATION_FACTOR", "3"), 300);

        assertThat(config(configMap).replicationFactor()).isEqualTo(3);
        assertThat(config(environment).replicationFactor()).isEqualTo(3);
    }

    @Test
    void missing_topics_get_the_replicas_and_their_partitions_and_existing_topics_are_left_alone() {
        List<NewTopic> missing = KafkaClients.missingTopics(Topics.all(4), Set.of(Topics.ORDERS), (short) 3);

        assertThat(missing).extracting(NewTopic::name).doesNotContain(Topics.ORDERS)
                .contains(Topics.PAYMENTS, Topics.deadLetter(Topics.ORDERS));
        assertThat(missing).allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 3));
        assertThat(missing).filteredOn(topic -> topic.name().equals(Topics.PAYMENTS)).singleElement()
                .extracting(NewTopic::numPartitions).isEqualTo(4);
    }

    @Test
    void a_replication_factor_out_of_range_stops_the_service_at_start_naming_the_setting() {
        for (String wrong : List.of("0", "-1", "40000")) {
            MessagingConfig config = config(new PropertiesConfigSource(
                    Map.of("shoplab.messaging.replication-factor", wrong), "config/application.properties", 260));

            assertThatThrownBy(() -> new KafkaClients(config)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shoplab.messaging.replication-factor").hasMessageEndingWith("not " + wrong);
        }
    }

    /** The mapping as Quarkus reads it, from {@code sources} (its durations in Quarkus's notation, {@code 10s}). */
    private static MessagingConfig config(ConfigSource... sources) {
        return new SmallRyeConfigBuilder().withMapping(MessagingConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("quarkus.application.name", "order-service").withSources(sources).build()
                .getConfigMapping(MessagingConfig.class);
    }
}
