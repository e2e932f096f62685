package dev.shoplab.loadtests.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.lab.AdminApi;
import dev.shoplab.loadtests.measure.PrometheusText;
import dev.shoplab.loadtests.scenario.MeshVariant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's hand on a running service mesh (infra/mesh), through its admin API: it changes the policy of every
 * destination for a scenario's {@link MeshVariant}, reads the retries each hop allows, and counts the requests and
 * tries of each destination. Every change goes through {@code PUT /admin/policies/{host}}, as an operator would
 * change a DestinationRule; the shipped files are never touched.
 */
public final class MeshControl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * Requests the mesh answered for a destination and the tries those requests made (both counted when a request
     * is answered: {@code shoplab_mesh_requests_total}, {@code shoplab_mesh_request_tries_total}), at one moment.
     */
    public record Counts(long requests, long tries) {
    }

    private final AdminApi admin;

    /** @param admin the mesh's admin API (its base URL serves {@code /metrics} and {@code /admin/policies}) */
    public MeshControl(AdminApi admin) {
        this.admin = admin;
    }

    /**
     * Applies a variant to every destination of the mesh: a DestinationRule override with the connection pool in
     * force and the variant's outlier detection. Returns the destinations changed.
     *
     * @throws IllegalStateException when the mesh refuses the override (its problem detail is in the message)
     */
    public List<String> apply(MeshVariant variant) {
        JsonNode destinations = policies().path("destinations");
        List<String> changed = new ArrayList<>();
        for (Iterator<String> hosts = destinations.fieldNames(); hosts.hasNext(); ) {
            String host = hosts.next();
            JsonNode traffic = destinations.path(host).path("policy").path("trafficPolicy");
            admin.send("PUT", "/admin/policies/" + host, destinationRule(host, traffic, variant).toString(), TIMEOUT);
            changed.add(host);
        }
        return changed;
    }

    /**
     * A DestinationRule (as JSON, which the mesh reads as YAML) that keeps {@code traffic}'s connection pool and
     * changes its outlier detection as {@code variant} says.
     */
    static ObjectNode destinationRule(String host, JsonNode traffic, MeshVariant variant) {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("apiVersion", "networking.istio.io/v1").put("kind", "DestinationRule");
        rule.putObject("metadata").put("name", host + "-" + variant.name());
        ObjectNode spec = rule.putObject("spec");
        spec.put("host", host);
        ObjectNode policy = spec.putObject("trafficPolicy");
        JsonNode pool = traffic.path("connectionPool");
        ObjectNode cp = policy.putObject("connectionPool");
        ObjectNode tcp = cp.putObject("tcp");
        copyIfSet(pool, "maxConnections", tcp);
        copyIfSet(pool, "connectTimeout", tcp);
        ObjectNode http = cp.putObject("http");
        copyIfSet(pool, "http1MaxPendingRequests", http);
        copyIfSet(pool, "http2MaxRequests", http);
        copyIfSet(pool, "maxRequestsPerConnection", http);
        copyIfSet(pool, "maxRetries", http);
        JsonNode outlier = traffic.path("outlierDetection");
        if (!Boolean.FALSE.equals(variant.outlierDetection()) && outlier.isObject()) {
            ObjectNode od = policy.putObject("outlierDetection");
            outlier.fields().forEachRemaining(f -> od.set(f.getKey(), f.getValue()));
            if (variant.consecutive5xxErrors() != null) {
                od.put("consecutive5xxErrors", variant.consecutive5xxErrors());
            }
        }
        return rule;
    }

    private static void copyIfSet(JsonNode from, String field, ObjectNode to) {
        JsonNode value = from.path(field);
        // unlimited is rendered as null, and left out here (Istio's unset means unlimited)
        if (!value.isMissingNode() && !value.isNull()) {
            to.set(field, value);
        }
    }

    /** The tries one request to {@code host} may take under the policy in force (its first route's 1 + attempts). */
    public int maxTries(String host) {
        JsonNode routes = policies().path("destinations").path(host).path("policy").path("routes");
        if (!routes.isArray() || routes.isEmpty()) {
            throw new IllegalStateException("The mesh has no destination '" + host + "': check the scenario's "
                    + "mesh.chain against GET " + admin.baseUrl() + "/admin/policies");
        }
        return routes.get(0).path("retries").path("maxTries").asInt(1);
    }

    /** Requests answered and their tries, of every destination, read from the mesh's {@code /metrics} now. */
    public Map<String, Counts> counts() {
        String text = PrometheusText.scrape(admin.baseUrl() + "/metrics");
        Map<String, Double> requests = PrometheusText.sumBy(text, "shoplab_mesh_requests_total", "destination");
        Map<String, Double> tries = PrometheusText.sumBy(text, "shoplab_mesh_request_tries_total", "destination");
        Map<String, Counts> counts = new LinkedHashMap<>();
        requests.forEach((d, n) -> counts.put(d, new Counts(Math.round(n), Math.round(tries.getOrDefault(d, 0.0)))));
        tries.forEach((d, n) -> counts.putIfAbsent(d, new Counts(0, Math.round(n))));
        return counts;
    }

    private JsonNode policies() {
        try {
            return JSON.readTree(admin.get("/admin/policies"));
        } catch (IOException e) {
            throw new UncheckedIOException("The mesh's /admin/policies is not JSON", e);
        }
    }
}
