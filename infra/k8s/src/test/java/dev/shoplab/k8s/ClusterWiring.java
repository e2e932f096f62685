package dev.shoplab.k8s;

import dev.shoplab.lab.architecture.Wiring;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a service finds what it talks to in the overlays: the Services of its namespace. Each owner's database is
 * on a PostgreSQL server of its own, {@code <database with '-' for '_'>-postgres} (user {@code postgres}, the
 * password from the Secret, not here); every HTTP service answers on port 80 of its Service; Kafka is the Strimzi
 * cluster {@code shoplab}'s bootstrap Service.
 */
final class ClusterWiring implements Wiring {

    /** The Strimzi {@code Kafka}'s name in the event-driven overlay. */
    static final String KAFKA_CLUSTER = "shoplab";

    /** The Service (and StatefulSet) of the PostgreSQL server that holds {@code database}. */
    static String postgresHost(String database) {
        return database.replace('_', '-') + "-postgres";
    }

    @Override
    public Map<String, String> datasource(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + postgresHost(database) + ":5432/" + database);
        config.put("quarkus.datasource.username", "postgres");
        return config;
    }

    @Override
    public String url(String host) {
        return "http://" + host;
    }

    @Override
    public String kafkaBootstrapServers() {
        return KAFKA_CLUSTER + "-kafka-bootstrap:9092";
    }
}
