package dev.shoplab.lab.infra;

import dev.shoplab.lab.process.ProcessLedger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The default provider: a real PostgreSQL and a real Kafka broker as child processes of the lab. */
final class EmbeddedInfrastructure implements Infrastructure {

    private final EmbeddedPostgresServer postgres;
    private final KafkaBroker kafka;
    private final Durability durability;

    private EmbeddedInfrastructure(EmbeddedPostgresServer postgres, KafkaBroker kafka, Durability durability) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.durability = durability;
    }

    static EmbeddedInfrastructure start(InfraOptions options, Path runDir, ProcessLedger ledger) {
        // Both servers take seconds to start: start them side by side.
        CompletableFuture<KafkaBroker> kafka = options.kafka()
                ? CompletableFuture.supplyAsync(() -> KafkaBroker.start(runDir, ledger))
                : CompletableFuture.completedFuture(null);
        EmbeddedPostgresServer postgres;
        try {
            postgres = EmbeddedPostgresServer.start(runDir, options.durability(), ledger);
        } catch (RuntimeException e) {
            kafka.thenAccept(k -> {
                if (k != null) {
                    k.close();
                }
            });
            throw e;
        }
        try {
            return new EmbeddedInfrastructure(postgres, kafka.join(), options.durability());
        } catch (RuntimeException e) {
            postgres.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public PostgresEndpoint postgres() {
        return postgres.endpoint();
    }

    @Override
    public Optional<KafkaEndpoint> kafka() {
        return Optional.ofNullable(kafka).map(KafkaBroker::endpoint);
    }

    @Override
    public InfraProvider provider() {
        return InfraProvider.EMBEDDED;
    }

    @Override
    public String durability() {
        return durability.describe();
    }

    @Override
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("postgres", postgres.pid());
        if (kafka != null) {
            pids.put("kafka", kafka.pid());
        }
        return pids;
    }

    @Override
    public void stopPostgres(Instant restartsAt) {
        postgres.stopUntil(restartsAt);
    }

    @Override
    public void startPostgres() {
        postgres.startAgain();
    }

    @Override
    public void stopKafka(Instant restartsAt) {
        broker().stopUntil(restartsAt);
    }

    @Override
    public void startKafka() {
        broker().startAgain();
    }

    private KafkaBroker broker() {
        if (kafka == null) {
            throw new IllegalStateException("This run started no Kafka broker");
        }
        return kafka;
    }

    @Override
    public void close() {
        // Two independent servers: stopping them side by side halves the worst case of a Ctrl-C.
        CompletableFuture<Void> broker = kafka == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(kafka::close);
        try {
            postgres.close();
        } finally {
            broker.join();
        }
    }
}
