package dev.shoplab.lab.architecture;

import dev.shoplab.lab.process.ManagedProcess;
import java.util.Map;

/** An architecture the lab started: where its public API and admin API are, and its processes by role. */
public interface RunningArchitecture extends AutoCloseable {

    /** The public API ({@code POST /api/orders} …), for example {@code http://127.0.0.1:8080}. */
    String edgeUrl();

    /** Base URL of the service that owns the catalogue, where {@code PUT /admin/catalogue} seeds it. */
    String catalogueAdminUrl();

    /** Every process of this architecture by role (for example {@code order-service}), for accounting and faults. */
    Map<String, ManagedProcess> processes();

    /**
     * Prometheus endpoints of its processes by role, scraped after a run for compensation counters
     * ({@code shoplab_compensations_total{outcome="succeeded|failed"}}) and, for the mesh, tries per hop.
     */
    default Map<String, String> metricsUrls() {
        return Map.of("edge", edgeUrl() + "/q/metrics");
    }

    /** The role of the process that hosts a bounded context ({@code inventory} → {@code inventory-service}, or {@code monolith}). */
    String hostOf(String context);

    /** Kills a process of this architecture with SIGKILL, as a crash would. */
    void kill(String role);

    /** Starts a killed process again, with the same configuration and port; returns once it is ready. */
    void restart(String role);

    @Override
    void close();
}
