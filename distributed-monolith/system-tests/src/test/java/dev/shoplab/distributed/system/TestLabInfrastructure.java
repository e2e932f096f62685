package dev.shoplab.distributed.system;

import dev.shoplab.lab.infra.InfraProvider;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.lab.infra.KafkaEndpoint;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.testing.TestLab;
import java.util.Map;
import java.util.Optional;

/** The test JVM's PostgreSQL ({@link TestLab}) as the lab's {@link Infrastructure}, so the launcher runs on it. */
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
        return Optional.empty();
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
        return Map.of();
    }

    @Override
    public void close() {
        // The server belongs to the test JVM: TestLab stops it when the JVM exits.
    }
}
