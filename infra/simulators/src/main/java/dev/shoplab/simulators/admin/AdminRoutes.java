package dev.shoplab.simulators.admin;

import dev.shoplab.simulators.Simulators;
import dev.shoplab.simulators.http.Answer;
import dev.shoplab.simulators.http.JsonRequest;
import dev.shoplab.simulators.http.Problem;
import dev.shoplab.simulators.provider.FaultSettings;
import dev.shoplab.simulators.provider.ProviderServer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin API under {@code /admin} on the Quarkus HTTP port, loopback only and with the lab's control
 * token ({@code Authorization: Bearer <shoplab.control-token>}, docs/adr/0012-control-token.md; 403 and 401
 * problems otherwise): fault controls, ledgers, stats, reset and the providers' endpoints.
 */
@ApplicationScoped
public class AdminRoutes {

    /** The {@code WWW-Authenticate} challenge of every 401 (RFC 6750 §3). */
    static final String CHALLENGE = "Bearer realm=\"shoplab\"";

    private final Simulators simulators;
    private final Vertx vertx;
    private final Optional<byte[]> controlToken;

    AdminRoutes(Simulators simulators, Vertx vertx,
                @ConfigProperty(name = "shoplab.control-token") Optional<String> controlToken) {
        this.simulators = simulators;
        this.vertx = vertx;
        this.controlToken = controlToken.filter(t -> !t.isBlank())
                .map(t -> ("Bearer " + t.trim()).getBytes(StandardCharsets.UTF_8));
    }

    void mount(@Observes Router router) {
        Router admin = Router.router(vertx);
        admin.route().handler(AdminRoutes::loopbackOnly);
        admin.route().handler(this::withControlToken);
        admin.route().handler(BodyHandler.create(false).setBodyLimit(JsonRequest.MAX_BODY_BYTES));
        admin.get("/endpoints").handler(now(this::endpoints));
        admin.get("/faults/:target").handler(now(ctx -> Answer.of(200, target(ctx).faults())));
        admin.put("/faults/:target").handler(later(ctx -> {
            ProviderServer provider = target(ctx);
            FaultSettings settings = FaultSettings.from(JsonRequest.of(ctx));
            return provider.apply(settings).map(applied -> Answer.of(200, applied));
        }));
        admin.delete("/faults/:target").handler(later(ctx ->
                target(ctx).apply(FaultSettings.NONE).map(applied -> Answer.of(200, applied))));
        for (ProviderServer provider : simulators.all()) {
            admin.get("/" + provider.api().name() + "/ledger").handler(now(ctx -> Answer.of(200, provider.api().ledger().view())));
        }
        admin.get("/stats").handler(now(ctx -> {
            Map<String, Object> stats = new LinkedHashMap<>();
            simulators.all().forEach(provider -> stats.put(provider.api().name(), provider.stats().snapshot()));
            return Answer.of(200, stats);
        }));
        admin.post("/reset").handler(later(ctx -> simulators.reset().map(done -> Answer.of(204, null))));
        admin.route().handler(ctx -> Answer.noRoute(ctx).send(ctx));
        admin.route().failureHandler(ctx -> Answer.forFailure(ctx).send(ctx));
        router.route("/admin/*").subRouter(admin);
        // outside /admin too (/nope, /q/nope): a problem, not Quarkus's HTML page
        router.route().last().handler(ctx -> Answer.noRoute(ctx).send(ctx));
    }

    private Answer endpoints(RoutingContext ctx) {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        simulators.all().forEach(provider -> endpoints.put(provider.api().name(), provider.url()));
        SocketAddress local = ctx.request().localAddress();
        endpoints.put("admin", "http://" + local.hostAddress() + ":" + local.port());
        return Answer.of(200, endpoints);
    }

    private ProviderServer target(RoutingContext ctx) {
        String name = ctx.pathParam("target");
        return simulators.provider(name).orElseThrow(() -> Problem.of("unknown-fault-target", "Unknown fault target",
                404, "no provider '" + name + "'; the targets are psp and mail").asException());
    }

    private static Handler<RoutingContext> now(Function<RoutingContext, Answer> endpoint) {
        return ctx -> Answer.compute(endpoint, ctx).send(ctx);
    }

    private static Handler<RoutingContext> later(Function<RoutingContext, Future<Answer>> endpoint) {
        return ctx -> {
            Future<Answer> answer;
            try {
                answer = endpoint.apply(ctx);
            } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
            }
            answer.onSuccess(done -> done.send(ctx)).onFailure(ctx::fail);
        };
    }

    private static void loopbackOnly(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        if (remote == null || remote.hostAddress() == null || isLoopback(remote.hostAddress())) {
            ctx.next();
            return;
        }
        Answer.problem(Problem.of("forbidden", "Forbidden", 403,
                "the admin API answers only clients on this machine, not " + remote.hostAddress())).send(ctx);
    }

    private void withControlToken(RoutingContext ctx) {
        String where = "the lab keeps it in .shoplab/control-token of the checkout that started the simulators";
        String authorization = ctx.request().getHeader("Authorization");
        String refused;
        if (controlToken.isEmpty()) {
            refused = "the simulators were started without a control token, so their admin API answers nobody:"
                    + " start them with SHOPLAB_CONTROL_TOKEN set, as ./shoplab does";
        } else if (authorization == null || authorization.isBlank()) {
            refused = "send the control token as 'Authorization: Bearer <token>'; " + where;
        } else if (!MessageDigest.isEqual(controlToken.get(), withSchemeAsWritten(authorization).getBytes(StandardCharsets.UTF_8))) {
            refused = "the Authorization header does not carry this lab's control token; " + where;
        } else {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", CHALLENGE);
        Answer.problem(Problem.unauthorized(refused)).send(ctx);
    }

    private static boolean isLoopback(String ip) {
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code bearer <token>} as {@code Bearer <token>}: the scheme is case-insensitive (RFC 9110 §11.1), the token is not. */
    private static String withSchemeAsWritten(String authorization) {
        String presented = authorization.trim();
        return presented.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + presented.substring(7) : presented;
    }
}
