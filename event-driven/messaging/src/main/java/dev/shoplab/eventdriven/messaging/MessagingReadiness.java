package dev.shoplab.eventdriven.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the service is ready once its topics exist and its consumers have joined their group. A broker
 * outage later does not make it unready: the edge keeps accepting orders into the outbox meanwhile.
 */
@Readiness
@ApplicationScoped
public class MessagingReadiness implements HealthCheck {

    private final KafkaClients kafka;

    private final EventConsumers consumers;

    MessagingReadiness(KafkaClients kafka, EventConsumers consumers) {
        this.kafka = kafka;
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("messaging")
                .status(kafka.topicsReady() && consumers.running())
                .withData("topics", kafka.topicsReady())
                .withData("consumers", consumers.running())
                .build();
    }
}
