package dev.shoplab.mesh;

import dev.shoplab.mesh.admin.AdminServer;
import dev.shoplab.mesh.metrics.MeshMetrics;
import dev.shoplab.mesh.policy.PolicyException;
import dev.shoplab.mesh.policy.PolicyStore;
import dev.shoplab.mesh.proxy.DestinationProxy;
import dev.shoplab.mesh.tracing.MeshTracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running local mesh: one outbound listener per destination, the admin port, the policy watch, and its tracing
 * (on when {@link MeshSettings#otlpEndpoint()} is given).
 */
public final class Mesh implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Mesh.class.getName());

    private final Vertx vertx;
    private final MeshSettings settings;
    private final PolicyStore policies;
    private final MeshMetrics metrics;
    private final List<DestinationProxy> destinations;
    private final AdminServer admin;
    private final MeshTracing tracing;
    private volatile String lastFingerprint;

    private Mesh(Vertx vertx, MeshSettings settings, PolicyStore policies, MeshMetrics metrics,
                 List<DestinationProxy> destinations, AdminServer admin, MeshTracing tracing) {
        this.vertx = vertx;
        this.settings = settings;
        this.policies = policies;
        this.metrics = metrics;
        this.destinations = destinations;
        this.admin = admin;
        this.tracing = tracing;
    }

    /**
     * Reads the policies, opens every listener and the admin port, and starts watching the policy
     * directory. Throws {@link PolicyException} for an invalid policy file, IllegalStateException when a
     * port cannot be opened.
     */
    public static Mesh start(MeshSettings settings) {
        PolicyStore policies = new PolicyStore(settings.policyDirectory());
        policies.reload();
        MeshMetrics metrics = new MeshMetrics();
        MeshTracing tracing = settings.otlpEndpoint() == null ? MeshTracing.OFF
                : MeshTracing.exportingTo(settings.otlpEndpoint(), settings.serviceNamespace());
        Vertx vertx = Vertx.vertx();
        try {
            List<DestinationProxy> destinations = new ArrayList<>();
            for (DestinationConfig d : settings.destinations()) {
                DestinationProxy proxy = new DestinationProxy(d, settings.bindHost(), policies, metrics, tracing,
                        settings.maxBodyBytes());
                await(vertx.deployVerticle(proxy));
                destinations.add(proxy);
                registerGauges(metrics, proxy);
            }
            AdminServer admin = new AdminServer(settings.bindHost(), settings.adminPort(), settings.controlToken(), policies,
                    metrics, destinations);
            await(vertx.deployVerticle(admin));
            Mesh mesh = new Mesh(vertx, settings, policies, metrics, destinations, admin, tracing);
            mesh.watch();
            return mesh;
        } catch (RuntimeException e) {
            vertx.close();
            tracing.close();
            throw e;
        }
    }

    private static void registerGauges(MeshMetrics metrics, DestinationProxy proxy) {
        String host = proxy.destination().host();
        metrics.gauge("shoplab_mesh_active_requests", "Tries in flight (connections in use)", List.of("destination"),
                List.of(host), proxy::activeRequests);
        metrics.gauge("shoplab_mesh_pending_requests", "Requests waiting for a connection", List.of("destination"),
                List.of(host), proxy::pendingRequests);
        for (Upstream u : proxy.destination().upstreams()) {
            metrics.gauge("shoplab_mesh_ejected", "1 while outlier detection keeps the endpoint out",
                    List.of("destination", "upstream"), List.of(host, u.toString()), () -> proxy.ejected(u) ? 1 : 0);
        }
    }

    private void watch() {
        if (settings.policyDirectory() == null || settings.watchInterval().isZero()) {
            return;
        }
        lastFingerprint = policies.fingerprint();
        vertx.setPeriodic(Math.max(50, settings.watchInterval().toMillis()), id -> vertx.executeBlocking(() -> {
            String now = policies.fingerprint();
            if (!now.equals(lastFingerprint)) {
                lastFingerprint = now;
                try {
                    policies.reload();
                    metrics.reloads.inc("ok");
                    LOG.log(System.Logger.Level.INFO, "policies reloaded from {0}", settings.policyDirectory());
                } catch (PolicyException e) {
                    metrics.reloads.inc("error");
                    LOG.log(System.Logger.Level.ERROR, "policy files not applied, the previous policies stay in force: {0}",
                            e.getMessage());
                }
            }
            return null;
        }, false));
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the mesh", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the mesh did not start within 30 s", e);
        }
    }

    /** The base URL of a destination's outbound listener, e.g. {@code http://127.0.0.1:41234}. */
    public String url(String host) {
        return destinations.stream().filter(d -> d.destination().host().equals(host)).findFirst()
                .map(d -> "http://" + settings.bindHost() + ":" + d.port())
                .orElseThrow(() -> new IllegalArgumentException("no destination " + host));
    }

    /** Destination host to listener URL, in start-up order. */
    public Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        destinations.forEach(d -> urls.put(d.destination().host(), url(d.destination().host())));
        return urls;
    }

    /** The base URL of the admin port. */
    public String adminUrl() {
        return "http://" + settings.bindHost() + ":" + admin.port();
    }

    /** The line printed once everything listens: {@code shoplab mesh ready: host=url ... admin=url}. */
    public String readyLine() {
        StringBuilder sb = new StringBuilder("shoplab mesh ready:");
        urls().forEach((host, url) -> sb.append(' ').append(host).append('=').append(url));
        return sb.append(" admin=").append(adminUrl()).toString();
    }

    /** The policies in force (for in-process use). */
    public PolicyStore policies() {
        return policies;
    }

    /** The metrics (for in-process use). */
    public MeshMetrics metrics() {
        return metrics;
    }

    /** Closes every listener and connection, then sends the spans not yet exported. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "mesh did not close cleanly: {0}", e.toString());
        }
        tracing.close();
    }
}
