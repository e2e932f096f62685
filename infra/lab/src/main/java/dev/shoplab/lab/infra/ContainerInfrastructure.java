package dev.shoplab.lab.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** For users with a Docker engine: PostgreSQL and Kafka as Testcontainers. Never used by default. */
final class ContainerInfrastructure implements Infrastructure {

    /** The images, pinned to the same major versions the embedded provider runs. */
    static final String POSTGRES_IMAGE = "postgres:18-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private final PostgreSQLContainer postgresContainer;
    private final KafkaContainer kafkaContainer;
    private final Durability durability;

    private ContainerInfrastructure(PostgreSQLContainer postgres, KafkaContainer kafka, Durability durability) {
        this.postgresContainer = postgres;
        this.kafkaContainer = kafka;
        this.durability = durability;
    }

    /** True when a Docker engine looks present (a socket or DOCKER_HOST), without contacting it. */
    public static boolean dockerLooksPresent() {
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"));
    }

    static ContainerInfrastructure start(InfraOptions options) {
        if (!dockerLooksPresent()) {
            throw new IllegalStateException("--infra containers needs a Docker engine, and none is present here "
                    + "(no /var/run/docker.sock, no DOCKER_HOST). Use --infra embedded (the default).");
        }
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withUsername("postgres").withPassword("postgres").withDatabaseName("postgres");
        String[] command = options.durability().settings().entrySet().stream()
                .flatMap(e -> Stream.of("-c", e.getKey() + "=" + e.getValue()))
                .toArray(String[]::new);
        postgres.withCommand(Stream.concat(Stream.of("postgres", "-c",
                "max_connections=400"), Arrays.stream(command)).toArray(String[]::new));
        postgres.start();
        KafkaContainer kafka = null;
        if (options.kafka()) {
            kafka = new KafkaContainer(KAFKA_IMAGE);
            kafka.start();
        }
        return new ContainerInfrastructure(postgres, kafka, options.durability());
    }

    @Override
    public PostgresEndpoint postgres() {
        return new PostgresEndpoint(postgresContainer.getHost(), postgresContainer.getFirstMappedPort(),
                postgresContainer.getUsername(), postgresContainer.getPassword());
    }

    @Override
    public Optional<KafkaEndpoint> kafka() {
        return Optional.ofNullable(kafkaContainer).map(k -> new KafkaEndpoint(k.getBootstrapServers()));
    }

    @Override
    public InfraProvider provider() {
        return InfraProvider.CONTAINERS;
    }

    @Override
    public String durability() {
        return durability.describe();
    }

    @Override
    public Map<String, Long> pids() {
        return Map.of();
    }

    @Override
    public void close() {
        if (kafkaContainer != null) {
            kafkaContainer.stop();
        }
        postgresContainer.stop();
    }
}
