package dev.shoplab.mesh.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.mesh.MeshSettings;
import dev.shoplab.mesh.Upstream;
import dev.shoplab.mesh.metrics.MeshMetrics;
import dev.shoplab.mesh.policy.PolicyException;
import dev.shoplab.mesh.policy.PolicyStore;
import dev.shoplab.mesh.proxy.DestinationProxy;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The loopback admin port: Prometheus metrics, readiness, the effective policies, and run-time policy
 * changes (per-host override by PUT, file reload by POST). Everything under {@code /admin} asks for the lab's
 * control token as {@code Authorization: Bearer <token>} (RFC 6750; 401 otherwise, docs/adr/0012-control-token.md)
 * from a caller on this machine (403 otherwise, whatever address the mesh binds); metrics and readiness stay open,
 * as a scraper and a probe expect.
 */
public final class AdminServer extends AbstractVerticle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICIES = "/admin/policies";
    /** The largest policy upload the admin API reads, in bytes (1 MiB). */
    public static final int MAX_POLICY_BYTES = 1024 * 1024;

    private final String bindHost;
    private final int requestedPort;
    private final byte[] bearer;
    private final PolicyStore policies;
    private final MeshMetrics metrics;
    private final List<DestinationProxy> destinations;
    private volatile int port;

    /**
     * An admin server for these destinations on {@code bindHost:port} (0 = any free port) whose {@code /admin}
     * asks for {@code controlToken} (null or blank: answers nobody).
     */
    public AdminServer(String bindHost, int port, String controlToken, PolicyStore policies, MeshMetrics metrics,
                       List<DestinationProxy> destinations) {
        this.bindHost = bindHost;
        this.requestedPort = port;
        this.bearer = controlToken == null || controlToken.isBlank() ? null
                : ("Bearer " + controlToken.trim()).getBytes(StandardCharsets.UTF_8);
        this.policies = policies;
        this.metrics = metrics;
        this.destinations = List.copyOf(destinations);
    }

    @Override
    public void start(Promise<Void> started) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(bindHost).setPort(requestedPort));
        server.requestHandler(this::handle).listen()
                .onSuccess(s -> {
                    port = s.actualPort();
                    started.complete();
                })
                .onFailure(e -> started.fail(new IllegalStateException(
                        "admin: cannot listen on " + bindHost + ":" + requestedPort + ": " + e.getMessage(), e)));
    }

    /** The actual admin port (after start). */
    public int port() {
        return port;
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        HttpMethod method = req.method();
        if (path.equals("/metrics") || path.equals("/q/metrics")) {
            onlyGet(req, () -> req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.render()));
        } else if (path.equals("/ready") || path.equals("/q/health/ready") || path.equals("/q/health")) {
            onlyGet(req, () -> json(req, 200, JSON.createObjectNode().put("status", "UP")
                    .put("destinations", destinations.size())));
        } else if (path.startsWith("/admin") && !(fromThisMachine(req) && authorized(req))) {
            return;
        } else if (path.equals(POLICIES)) {
            onlyGet(req, () -> json(req, 200, allPolicies()));
        } else if (path.startsWith(POLICIES + "/")) {
            hostPolicy(req, path.substring(POLICIES.length() + 1));
        } else if (path.equals("/admin/reload")) {
            if (method != HttpMethod.POST) {
                methodNotAllowed(req, "POST");
                return;
            }
            reload(req);
        } else {
            Problems.send(req.response(), 404, "not-found", "Not found",
                    "no admin resource at " + path + " (try /metrics, /ready, /admin/policies, /admin/reload)");
        }
    }

    /**
     * True when the caller is on this machine (a loopback address, or a Unix domain socket); otherwise answers 403
     * and returns false. The mesh binds loopback by default; one bound to another address ({@code --bind}) still
     * takes policy changes only from this machine, as every shoplab admin API (docs/DESIGN.md, ADR 0012).
     */
    private static boolean fromThisMachine(HttpServerRequest req) {
        SocketAddress remote = req.remoteAddress();
        if (remote == null || remote.hostAddress() == null) {
            return true;
        }
        try {
            if (InetAddress.getByName(remote.hostAddress()).isLoopbackAddress()) {
                return true;
            }
        } catch (UnknownHostException e) {
            // not an address: refused below
        }
        Problems.send(req.response(), 403, "forbidden", "Forbidden",
                "the mesh's admin API answers only clients on this machine, not " + remote.hostAddress());
        return false;
    }

    /** True when the request carries the control token; otherwise answers 401 and returns false. */
    private boolean authorized(HttpServerRequest req) {
        String where = "the lab keeps it in .shoplab/control-token of the checkout that started the mesh";
        String authorization = req.getHeader("Authorization");
        String refused;
        if (bearer == null) {
            refused = "the mesh was started without a control token, so its admin API answers nobody: start it with "
                    + MeshSettings.CONTROL_TOKEN_ENVIRONMENT + " set, as ./shoplab does";
        } else if (authorization == null || authorization.isBlank()) {
            refused = "send the control token as 'Authorization: Bearer <token>'; " + where;
        } else if (!MessageDigest.isEqual(bearer, withSchemeAsWritten(authorization).getBytes(StandardCharsets.UTF_8))) {
            refused = "the Authorization header does not carry this lab's control token; " + where;
        } else {
            return true;
        }
        req.response().putHeader("www-authenticate", "Bearer realm=\"shoplab\"");
        Problems.send(req.response(), 401, "unauthorized", "Control token required", refused);
        return false;
    }

    private void hostPolicy(HttpServerRequest req, String host) {
        Optional<DestinationProxy> dest = destinations.stream().filter(d -> d.destination().host().equals(host)).findFirst();
        if (dest.isEmpty()) {
            Problems.send(req.response(), 404, "unknown-destination", "Unknown destination",
                    "the mesh has no destination host '" + host + "'");
            return;
        }
        switch (req.method().name()) {
            case "GET" -> json(req, 200, destination(dest.get()));
            case "PUT" -> policyBody(req).onSuccess(body -> vertx.<ObjectNode>executeBlocking(() -> {
                policies.override(host, body.toString(), "PUT " + POLICIES + "/" + host);
                return destination(dest.get());
            }, false).onComplete(ar -> {
                if (ar.succeeded()) {
                    metrics.reloads.inc("ok");
                    json(req, 200, ar.result());
                } else {
                    metrics.reloads.inc("error");
                    invalid(req, ar.cause());
                }
            }));
            case "DELETE" -> {
                if (policies.clearOverride(host)) {
                    req.response().setStatusCode(204).end();
                } else {
                    Problems.send(req.response(), 404, "no-override", "No override",
                            "destination '" + host + "' has no admin override to remove");
                }
            }
            default -> methodNotAllowed(req, "GET, PUT, DELETE");
        }
    }

    /**
     * The body of a policy upload, at most {@link #MAX_POLICY_BYTES}; a larger one is read to its end without being
     * kept (the mesh's heap is small) and answered 413, the policies unchanged.
     */
    private static Future<Buffer> policyBody(HttpServerRequest req) {
        Promise<Buffer> read = Promise.promise();
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        req.handler(chunk -> {
            if (over[0] || body.length() + chunk.length() > MAX_POLICY_BYTES) {
                over[0] = true;
            } else {
                body.appendBuffer(chunk);
            }
        });
        req.endHandler(end -> {
            if (over[0]) {
                Problems.send(req.response(), 413, "payload-too-large", "Policy too large", "a policy upload may hold at"
                        + " most " + MAX_POLICY_BYTES + " bytes (an Istio VirtualService and DestinationRule take a few"
                        + " KiB); the policies in force are unchanged");
                read.fail("policy body over " + MAX_POLICY_BYTES + " bytes");
            } else {
                read.complete(body);
            }
        });
        req.exceptionHandler(read::tryFail);
        return read.future();
    }

    private void reload(HttpServerRequest req) {
        vertx.<List<String>>executeBlocking(() -> {
            policies.reload();
            return policies.files();
        }, false).onComplete(ar -> {
            if (ar.succeeded()) {
                metrics.reloads.inc("ok");
                ObjectNode out = JSON.createObjectNode().put("reloaded", true);
                ArrayNode files = out.putArray("files");
                ar.result().forEach(files::add);
                json(req, 200, out);
            } else {
                metrics.reloads.inc("error");
                invalid(req, ar.cause());
            }
        });
    }

    private void invalid(HttpServerRequest req, Throwable cause) {
        if (cause instanceof PolicyException) {
            Problems.send(req.response(), 422, "invalid-policy", "Invalid Istio policy",
                    cause.getMessage() + " (the policies in force are unchanged)");
        } else {
            Problems.send(req.response(), 500, "internal", "Policy update failed", String.valueOf(cause));
        }
    }

    private ObjectNode allPolicies() {
        ObjectNode out = JSON.createObjectNode();
        out.put("policyDirectory", policies.directory() == null ? null : policies.directory().toString());
        ArrayNode files = out.putArray("files");
        policies.files().forEach(files::add);
        ObjectNode dests = out.putObject("destinations");
        destinations.forEach(d -> dests.set(d.destination().host(), destination(d)));
        return out;
    }

    private ObjectNode destination(DestinationProxy d) {
        ObjectNode out = JSON.createObjectNode();
        out.put("listen", "http://" + bindHost + ":" + d.port());
        ArrayNode ups = out.putArray("upstreams");
        for (Upstream u : d.destination().upstreams()) {
            ups.addObject().put("address", u.toString()).put("ejected", d.ejected(u));
        }
        out.put("activeRequests", d.activeRequests());
        out.put("pendingRequests", d.pendingRequests());
        out.put("overridden", policies.overridden(d.destination().host()));
        out.set("policy", PolicyJson.render(policies.policy(d.destination().host())));
        return out;
    }

    private static void onlyGet(HttpServerRequest req, Runnable action) {
        if (req.method() != HttpMethod.GET) {
            methodNotAllowed(req, "GET");
            return;
        }
        action.run();
    }

    private static void methodNotAllowed(HttpServerRequest req, String allowed) {
        req.response().putHeader("allow", allowed);
        Problems.send(req.response(), 405, "method-not-allowed", "Method not allowed",
                req.method() + " is not allowed on " + req.path() + "; use " + allowed);
    }

    private static void json(HttpServerRequest req, int status, ObjectNode body) {
        req.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toPrettyString());
    }

    /** {@code bearer <token>} as {@code Bearer <token>}: the scheme is case-insensitive (RFC 9110 §11.1), the token is not. */
    private static String withSchemeAsWritten(String authorization) {
        String presented = authorization.trim();
        return presented.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + presented.substring(7) : presented;
    }
}
