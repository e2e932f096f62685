package dev.shoplab.eventdriven.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the service is ready once its topics exist and its consumers have joined their group, and as long as
 * none of its loop threads died ({@link MessagingLiveness}). A broker outage later does not make it unready: the edge
 * keeps accepting orders into the outbox meanwhile.
 */
@Readiness
@ApplicationScoped
public class MessagingReadiness implements HealthCheck {

    private final KafkaClients kafka;

    private final EventConsumers consumers;

    private final MessagingLiveness loops;

    MessagingReadiness(KafkaClients kafka, EventConsumers consumers, @Liveness MessagingLiveness loops) {
        this.kafka = kafka;
        this.consumers = consumers;
        this.loops = loops;
    }

    @Override
    public HealthCheckResponse call() {
        boolean loopsAlive = loops.deadLoops().isEmpty();
        return HealthCheckResponse.named("messaging")
                .status(kafka.topicsReady() && consumers.running() && loopsAlive)
                .withData("topics", kafka.topicsReady())
                .withData("consumers", consumers.running())
                .withData("loops", loopsAlive)
                .build();
    }
}
