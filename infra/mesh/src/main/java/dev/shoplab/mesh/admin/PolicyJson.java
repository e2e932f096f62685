package dev.shoplab.mesh.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.mesh.policy.ConnectionPoolPolicy;
import dev.shoplab.mesh.policy.FaultPolicy;
import dev.shoplab.mesh.policy.HostPolicy;
import dev.shoplab.mesh.policy.IstioDuration;
import dev.shoplab.mesh.policy.OutlierPolicy;
import dev.shoplab.mesh.policy.RetryOn;
import dev.shoplab.mesh.policy.RetryPolicy;
import dev.shoplab.mesh.policy.RoutePolicy;
import dev.shoplab.mesh.policy.StringMatch;
import java.util.Comparator;
import java.util.Locale;

/** Renders an effective host policy as JSON in Istio's vocabulary (durations as {@code 5s}, unlimited as null). */
final class PolicyJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyJson() {
    }

    static ObjectNode render(HostPolicy p) {
        ObjectNode out = JSON.createObjectNode();
        out.put("host", p.host());
        out.put("virtualService", p.routes() != null);
        ArrayNode routes = out.putArray("routes");
        if (p.routes() == null) {
            routes.add(route(RoutePolicy.DEFAULT));
        } else {
            p.routes().forEach(r -> routes.add(route(r)));
        }
        ObjectNode traffic = out.putObject("trafficPolicy");
        ConnectionPoolPolicy pool = p.traffic().connectionPool();
        ObjectNode cp = traffic.putObject("connectionPool");
        cp.set("maxConnections", limit(pool.maxConnections()));
        cp.set("http1MaxPendingRequests", limit(pool.maxPendingRequests()));
        cp.set("http2MaxRequests", limit(pool.maxRequests()));
        cp.put("maxRequestsPerConnection", pool.maxRequestsPerConnection());
        cp.set("maxRetries", limit(pool.maxRetries()));
        cp.put("connectTimeout", IstioDuration.format(pool.connectTimeout()));
        OutlierPolicy od = p.traffic().outlier();
        if (od == null) {
            traffic.putNull("outlierDetection");
        } else {
            ObjectNode o = traffic.putObject("outlierDetection");
            o.put("consecutive5xxErrors", od.consecutive5xxErrors());
            o.put("consecutiveGatewayErrors", od.consecutiveGatewayErrors());
            o.put("interval", IstioDuration.format(od.interval()));
            o.put("baseEjectionTime", IstioDuration.format(od.baseEjectionTime()));
            o.put("maxEjectionPercent", od.maxEjectionPercent());
            o.put("minHealthPercent", od.minHealthPercent());
        }
        ArrayNode sources = out.putArray("sources");
        p.sources().forEach(sources::add);
        ArrayNode warnings = out.putArray("ignored");
        p.warnings().forEach(warnings::add);
        return out;
    }

    private static ObjectNode route(RoutePolicy r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", r.name());
        ArrayNode matches = out.putArray("match");
        r.matches().forEach(m -> {
            ObjectNode mo = matches.addObject();
            if (m.uri() != null) {
                mo.put("uri", describe(m.uri()));
            }
            if (m.method() != null) {
                mo.put("method", describe(m.method()));
            }
            m.headers().forEach((k, v) -> mo.put("header " + k, describe(v)));
        });
        RetryPolicy rp = r.retries();
        ObjectNode retries = out.putObject("retries");
        retries.put("attempts", rp.attempts());
        retries.put("maxTries", rp.attempts() + 1);
        retries.put("perTryTimeout", IstioDuration.format(rp.perTryTimeout()));
        retries.put("retryOn", String.join(",", rp.retryOn().stream().sorted(Comparator.naturalOrder())
                .map(RetryOn::token).toList()));
        ArrayNode codes = retries.putArray("retriableStatusCodes");
        rp.retriableStatusCodes().stream().sorted().forEach(codes::add);
        retries.put("backoffBaseInterval", IstioDuration.format(rp.backoffBase()));
        retries.put("retryIgnorePreviousHosts", rp.ignorePreviousHosts());
        out.put("timeout", IstioDuration.format(r.timeout()));
        FaultPolicy f = r.fault();
        if (f == null) {
            out.putNull("fault");
        } else {
            ObjectNode fo = out.putObject("fault");
            if (f.delay() != null) {
                fo.putObject("delay").put("fixedDelay", IstioDuration.format(f.delay())).put("percentage", f.delayPercent());
            }
            if (f.abortStatus() != null) {
                fo.putObject("abort").put("httpStatus", f.abortStatus()).put("percentage", f.abortPercent());
            }
        }
        return out;
    }

    private static String describe(StringMatch m) {
        return m.kind().name().toLowerCase(Locale.ROOT) + " " + m.value();
    }

    private static JsonNode limit(int value) {
        return value == Integer.MAX_VALUE ? JSON.nullNode() : JSON.getNodeFactory().numberNode(value);
    }
}
