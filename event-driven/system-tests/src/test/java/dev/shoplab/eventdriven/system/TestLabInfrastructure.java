package dev.shoplab.eventdriven.system;

import dev.shoplab.lab.infra.InfraProvider;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.lab.infra.KafkaEndpoint;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.testing.TestLab;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The test JVM's PostgreSQL and Kafka ({@link TestLab}) as the lab's {@link Infrastructure}, so the launcher runs on them. */
final class TestLabInfrastructure implements Infrastructure {

    private final TestLab lab;

    TestLabInfrastructure(TestLab lab) {
        this.lab = lab;
    }

    @Override
    public PostgresEndpoint postgres() {
        return lab.postgres();
    }

    @Override
    public Optional<KafkaEndpoint> kafka() {
        return Optional.of(lab.kafka());
    }

    @Override
    public InfraProvider provider() {
        return InfraProvider.EMBEDDED;
    }

    @Override
    public String durability() {
        return "as the test lab runs it";
    }

    @Override
    public Map<String, Long> pids() {
        return Map.of("kafka", lab.kafkaBroker().pid());
    }

    @Override
    public void stopKafka(Instant restartsAt) {
        lab.kafkaBroker().stopUntil(restartsAt);
    }

    @Override
    public void startKafka() {
        lab.kafkaBroker().startAgain();
    }

    @Override
    public void close() {
        // The servers belong to the test JVM: TestLab stops them when it exits.
    }
}
