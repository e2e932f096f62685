package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.infra.PostgresEndpoint;
import java.util.Map;
import java.util.Optional;

/**
 * An architecture deployed elsewhere — on a Kubernetes cluster (infra/k8s), or started by another command — that the
 * bench drives instead of starting one: its addresses as seen from this machine (for a cluster, through
 * {@code kubectl port-forward}, docs/kubernetes.md), nothing of it started or stopped here.
 *
 * @param edgeUrl            the public API ({@code POST /api/orders}), for example {@code http://127.0.0.1:18080}
 * @param catalogueAdminUrl  the service that owns the catalogue ({@code PUT /admin/catalogue}): the edge for the
 *                           monolith, inventory-service for the other two
 * @param simulatorsAdminUrl the simulators' admin API (faults, ledgers, stats, reset)
 * @param databases          by database name, the PostgreSQL server holding it; at least the audit's two
 *                           ({@code AuditQueries}: where orders and stock are)
 * @param token              the control token the deployment was started with (its {@code /admin} calls need it)
 * @param kubeNamespace      the Kubernetes namespace it runs in, for crash faults (pod delete through the API, with
 *                           the kubeconfig's current context); empty: crash scenarios are skipped
 */
public record Deployed(String edgeUrl, String catalogueAdminUrl, String simulatorsAdminUrl,
                       Map<String, PostgresEndpoint> databases, ControlToken token, Optional<String> kubeNamespace) {

    public Deployed {
        databases = Map.copyOf(databases);
    }

    /** The server of {@code database}. @throws IllegalArgumentException naming the option to give */
    public PostgresEndpoint database(String database) {
        PostgresEndpoint server = databases.get(database);
        if (server == null) {
            throw new IllegalArgumentException("No server given for database " + database + ": add --database "
                    + database + "=HOST:PORT (given: " + databases.keySet() + ")");
        }
        return server;
    }
}
