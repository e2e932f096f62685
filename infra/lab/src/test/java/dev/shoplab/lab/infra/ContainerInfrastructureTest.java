package dev.shoplab.lab.infra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The containers provider, for users with Docker. Runs only where a Docker engine is present; elsewhere
 * JUnit reports it as skipped with the reason. Presence is judged by the socket or DOCKER_HOST alone,
 * so no test ever contacts a Docker engine that is not there.
 */
@EnabledIf(value = "dev.shoplab.lab.infra.ContainerInfrastructure#dockerLooksPresent",
        disabledReason = "no Docker engine here (no /var/run/docker.sock, no DOCKER_HOST): the containers "
                + "provider is tested only where Docker is present")
class ContainerInfrastructureTest {

    @Test
    void starts_postgresql_and_kafka_as_containers() throws Exception {
        try (Infrastructure infra = Infrastructure.start(new InfraOptions(InfraProvider.CONTAINERS, true,
                Durability.RELAXED, null, null, null, null), null, null)) {
            infra.postgres().createDatabase("containers");
            try (Connection c = infra.postgres().connect("containers")) {
                assertTrue(c.isValid(5));
            }
            assertTrue(infra.kafka().orElseThrow().answers(Duration.ofSeconds(10)));
        }
    }
}
