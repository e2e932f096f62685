package dev.shoplab.lab.infra;

import dev.shoplab.lab.process.ProcessLedger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The PostgreSQL server and (when asked for) the Kafka broker of one lab run, whichever provider supplied them. */
public interface Infrastructure extends AutoCloseable {

    PostgresEndpoint postgres();

    Optional<KafkaEndpoint> kafka();

    /** Which provider supplied the servers, for the endpoint table and reports. */
    InfraProvider provider();

    /** The durability PostgreSQL runs with, as a line for reports. */
    String durability();

    /** PIDs of the processes this run started, by role ({@code postgres}, {@code kafka}); empty when none are local. */
    Map<String, Long> pids();

    /**
     * Stops PostgreSQL (fast shutdown), keeping its data — the db-restart fault, which starts it again at
     * {@code restartsAt} ({@code ./shoplab status} says so meanwhile). Embedded provider only.
     */
    default void stopPostgres(Instant restartsAt) {
        throw new UnsupportedOperationException("Restarting PostgreSQL needs --infra embedded, not " + provider().cliName());
    }

    /** Starts PostgreSQL again after {@link #stopPostgres}, same port and data. */
    default void startPostgres() {
        throw new UnsupportedOperationException("Restarting PostgreSQL needs --infra embedded, not " + provider().cliName());
    }

    /**
     * Stops the Kafka broker (SIGTERM), keeping its data — the broker-restart fault, which starts it again at
     * {@code restartsAt} ({@code ./shoplab status} says so meanwhile). Embedded provider only.
     */
    default void stopKafka(Instant restartsAt) {
        throw new UnsupportedOperationException("Restarting Kafka needs --infra embedded, not " + provider().cliName());
    }

    /** Starts the Kafka broker again after {@link #stopKafka}, same ports and data. */
    default void startKafka() {
        throw new UnsupportedOperationException("Restarting Kafka needs --infra embedded, not " + provider().cliName());
    }

    /** Stops what this run started (nothing for external servers). */
    @Override
    void close();

    /** Starts (or, for external servers, checks) the servers that {@code options} asks for. */
    static Infrastructure start(InfraOptions options, Path runDir, ProcessLedger ledger) {
        return switch (options.provider()) {
            case EMBEDDED -> EmbeddedInfrastructure.start(options, runDir, ledger);
            case CONTAINERS -> ContainerInfrastructure.start(options);
            case EXTERNAL -> ExternalInfrastructure.connect(options);
        };
    }
}
