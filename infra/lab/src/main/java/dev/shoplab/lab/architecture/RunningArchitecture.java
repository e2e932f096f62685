package dev.shoplab.lab.architecture;

import dev.shoplab.lab.process.ManagedProcess;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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

    /**
     * A process's own base URL by role (not through a mesh), for example {@code payment-service} →
     * {@code http://127.0.0.1:41234}; the edge by default.
     *
     * @throws IllegalArgumentException for a role this architecture does not have
     */
    default String serviceUrl(String role) {
        if (!processes().containsKey(role)) {
            throw new IllegalArgumentException("No process '" + role + "'; roles: " + processes().keySet());
        }
        return edgeUrl();
    }

    /**
     * The admin API of its service mesh ({@code /metrics}, {@code /ready}, {@code /admin/policies}), when it has
     * one: the distributed monolith's; empty for the others.
     */
    default Optional<String> meshAdminUrl() {
        return Optional.empty();
    }

    /** The role of the process that hosts a bounded context ({@code inventory} → {@code inventory-service}, or {@code monolith}). */
    String hostOf(String context);

    /** Kills a process of this architecture with SIGKILL, as a crash would, to be started again at once. */
    default void kill(String role) {
        kill(role, Instant.now());
    }

    /**
     * Kills a process of this architecture with SIGKILL, as a crash would; the caller starts it again
     * ({@link #restart}) at {@code restartsAt}, which {@code ./shoplab status} shows meanwhile for what the lab runs
     * itself (a cluster's pods are restarted by the cluster at once, and not listed by status). A process killed and
     * not started again is not killed twice: only its restart time moves.
     *
     * @throws IllegalArgumentException for a role this architecture does not have
     */
    void kill(String role, Instant restartsAt);

    /** Starts a killed process again, with the same configuration and port; returns once it is ready. */
    void restart(String role);

    @Override
    void close();
}
