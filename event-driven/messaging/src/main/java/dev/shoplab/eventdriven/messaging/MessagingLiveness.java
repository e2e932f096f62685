package dev.shoplab.eventdriven.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: DOWN once a loop thread of the service (a consumer, the outbox relay, an outbound worker) died, naming it
 * and what ended it; readiness reports the same ({@link MessagingReadiness}). Such a service no longer does part of
 * its work and would otherwise look alive; a supervisor that probes liveness restarts it ({@link LoopThread} says
 * why a loop is not simply started again in the process).
 */
@Liveness
@ApplicationScoped
public class MessagingLiveness implements HealthCheck {

    private final Instance<RunsLoops> owners;

    MessagingLiveness(Instance<RunsLoops> owners) {
        this.owners = owners;
    }

    /** Every loop thread of the service that died, each as its name and what ended it; empty normally. */
    public List<String> deadLoops() {
        List<String> dead = new ArrayList<>();
        owners.forEach(owner -> dead.addAll(owner.deadLoops()));
        return dead;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> dead = deadLoops();
        return HealthCheckResponse.named("messaging-loops").status(dead.isEmpty())
                .withData("dead", dead.isEmpty() ? "none" : String.join("; ", dead))
                .build();
    }
}
