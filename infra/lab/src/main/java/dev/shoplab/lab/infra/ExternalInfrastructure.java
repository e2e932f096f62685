package dev.shoplab.lab.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Servers the user already runs: the lab only checks that they answer, and starts or stops nothing. */
final class ExternalInfrastructure implements Infrastructure {

    private final PostgresEndpoint postgres;
    private final KafkaEndpoint kafka;

    private ExternalInfrastructure(PostgresEndpoint postgres, KafkaEndpoint kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static ExternalInfrastructure connect(InfraOptions options) {
        if (options.externalJdbc() == null || !options.externalJdbc().matches("[^:/]+:\\d+")) {
            throw new IllegalArgumentException("--infra external needs --postgres HOST:PORT (got '"
                    + options.externalJdbc() + "')");
        }
        String[] hostPort = options.externalJdbc().split(":");
        PostgresEndpoint postgres = new PostgresEndpoint(hostPort[0], Integer.parseInt(hostPort[1]),
                options.externalUser() == null ? "postgres" : options.externalUser(), options.externalPassword());
        try (Connection c = postgres.connect("postgres")) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("The external PostgreSQL at " + postgres + " does not answer: "
                    + e.getMessage() + ". Check --postgres, --postgres-user and --postgres-password.", e);
        }
        KafkaEndpoint kafka = null;
        if (options.kafka()) {
            if (options.externalKafka() == null) {
                throw new IllegalArgumentException("--infra external needs --kafka HOST:PORT for this run");
            }
            kafka = new KafkaEndpoint(options.externalKafka());
            if (!kafka.answers(Duration.ofSeconds(10))) {
                throw new IllegalStateException("The external Kafka at " + options.externalKafka()
                        + " does not answer an admin call within 10 s. Check --kafka.");
            }
        }
        return new ExternalInfrastructure(postgres, kafka);
    }

    @Override
    public PostgresEndpoint postgres() {
        return postgres;
    }

    @Override
    public Optional<KafkaEndpoint> kafka() {
        return Optional.ofNullable(kafka);
    }

    @Override
    public InfraProvider provider() {
        return InfraProvider.EXTERNAL;
    }

    @Override
    public String durability() {
        return "as configured on the external server";
    }

    @Override
    public Map<String, Long> pids() {
        return Map.of();
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
