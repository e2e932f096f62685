package dev.shoplab.mesh.proxy;

import dev.shoplab.mesh.DestinationConfig;
import dev.shoplab.mesh.Upstream;
import dev.shoplab.mesh.metrics.MeshMetrics;
import dev.shoplab.mesh.tracing.MeshTracing;
import dev.shoplab.mesh.policy.HostPolicy;
import dev.shoplab.mesh.policy.OutlierPolicy;
import dev.shoplab.mesh.policy.PolicyStore;
import dev.shoplab.mesh.policy.TrafficPolicy;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The outbound listener of one destination host (what a sidecar's outbound listener and cluster are):
 * a Vert.x HTTP server on loopback, an HTTP client to the destination's endpoints, and the per-destination
 * state Envoy keeps per cluster (circuit breakers, outlier detection, load balancer). Every request and
 * all of that state live on this verticle's event loop.
 */
public final class DestinationProxy extends AbstractVerticle {

    private static final System.Logger LOG = System.getLogger(DestinationProxy.class.getName());

    private final DestinationConfig config;
    private final String bindHost;
    private final PolicyStore policies;
    private final MeshMetrics metrics;
    private final MeshTracing tracing;
    private final long maxBodyBytes;
    private final ConnectionPoolLimiter limiter = new ConnectionPoolLimiter();
    private final LoadBalancer balancer = new LoadBalancer();
    private final Map<HttpConnection, Integer> connectionUses = new WeakHashMap<>();
    private final OutlierDetector detector;
    private HttpClient client;
    private HttpServer server;
    private TrafficPolicy lastTraffic;
    private volatile int port;

    /**
     * A listener for one destination; {@code maxBodyBytes} bounds the request body buffered for retries;
     * {@code tracing} records its requests and tries as spans (or nothing, {@link MeshTracing#OFF}).
     */
    public DestinationProxy(DestinationConfig config, String bindHost, PolicyStore policies, MeshMetrics metrics,
                            MeshTracing tracing, long maxBodyBytes) {
        this.config = config;
        this.bindHost = bindHost;
        this.policies = policies;
        this.metrics = metrics;
        this.tracing = tracing;
        this.maxBodyBytes = maxBodyBytes;
        this.detector = new OutlierDetector(config.upstreams(), System::nanoTime, new OutlierDetector.Listener() {
            @Override
            public void ejected(Upstream upstream, Duration ejectionTime) {
                metrics.ejections.inc(config.host(), upstream.toString());
                LOG.log(System.Logger.Level.WARNING, "{0}: endpoint {1} ejected for {2} ms (outlier detection)",
                        config.host(), upstream, Long.toString(ejectionTime.toMillis()));
            }

            @Override
            public void returned(Upstream upstream) {
                LOG.log(System.Logger.Level.INFO, "{0}: endpoint {1} back in service", config.host(), upstream);
            }
        });
    }

    @Override
    public void start(Promise<Void> started) {
        // The client pool is large on purpose: the policy's circuit breakers (ConnectionPoolLimiter) bound
        // what is in flight, so the limits can change at run time without rebuilding the client.
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1));
        server = vertx.createHttpServer(new HttpServerOptions().setHost(bindHost).setPort(config.listenPort())
                .setHandle100ContinueAutomatically(true).setTcpNoDelay(true));
        server.requestHandler(request -> new Exchange(this, request).start());
        server.listen().onSuccess(s -> {
            port = s.actualPort();
            scheduleSweep();
            started.complete();
        }).onFailure(e -> started.fail(new IllegalStateException(
                config.host() + ": cannot listen on " + bindHost + ":" + config.listenPort() + ": " + e.getMessage(), e)));
    }

    private void scheduleSweep() {
        OutlierPolicy outlier = policy().traffic().outlier();
        long every = outlier == null ? 1000 : Math.max(1, outlier.interval().toMillis());
        vertx.setTimer(every, id -> {
            detector.sweep(policy().traffic().outlier());
            scheduleSweep();
        });
    }

    /**
     * The policy in force now. A changed DestinationRule resets outlier state, as Envoy rebuilds a cluster
     * whose configuration changed; a raised pool limit lets queued requests through.
     */
    HostPolicy policy() {
        HostPolicy p = policies.policy(config.host());
        if (!p.traffic().equals(lastTraffic)) {
            if (lastTraffic != null) {
                detector.reset();
                LOG.log(System.Logger.Level.INFO, "{0}: traffic policy changed: outlier state reset", config.host());
            }
            lastTraffic = p.traffic();
            limiter.drain(p.traffic().connectionPool());
        }
        return p;
    }

    /** The actual listening port (after start). */
    public int port() {
        return port;
    }

    /** The destination's configuration. */
    public DestinationConfig destination() {
        return config;
    }

    /** Whether an endpoint is ejected now (any thread). */
    public boolean ejected(Upstream upstream) {
        return detector.ejected(upstream);
    }

    /** Tries in flight now (any thread). */
    public int activeRequests() {
        return limiter.active();
    }

    /** Requests waiting for a connection now (any thread). */
    public int pendingRequests() {
        return limiter.pending();
    }

    String host() {
        return config.host();
    }

    MeshMetrics metrics() {
        return metrics;
    }

    MeshTracing tracing() {
        return tracing;
    }

    HttpClient client() {
        return client;
    }

    ConnectionPoolLimiter limiter() {
        return limiter;
    }

    LoadBalancer balancer() {
        return balancer;
    }

    OutlierDetector detector() {
        return detector;
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Counts a request on a pooled connection; true when it must be the connection's last (maxRequestsPerConnection). */
    boolean lastUseOf(HttpConnection connection, int maxRequestsPerConnection) {
        if (maxRequestsPerConnection <= 0 || connection == null) {
            return false;
        }
        int uses = connectionUses.merge(connection, 1, Integer::sum);
        if (uses >= maxRequestsPerConnection) {
            connectionUses.remove(connection);
            return true;
        }
        return false;
    }
}
