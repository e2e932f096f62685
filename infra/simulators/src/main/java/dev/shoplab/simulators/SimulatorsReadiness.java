package dev.shoplab.simulators;

import dev.shoplab.simulators.provider.ProviderServer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the providers' ports were opened at startup (before the admin port opens). A provider
 * that is down by a fault keeps the simulators ready: the outage is what was asked for.
 */
@Readiness
@ApplicationScoped
public class SimulatorsReadiness implements HealthCheck {

    private final Simulators simulators;

    SimulatorsReadiness(Simulators simulators) {
        this.simulators = simulators;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("shoplab-simulators").up();
        for (ProviderServer provider : simulators.all()) {
            String name = provider.api().name();
            response.withData(name, provider.url()).withData(name + "Listening", provider.isUp());
        }
        return response.build();
    }
}
