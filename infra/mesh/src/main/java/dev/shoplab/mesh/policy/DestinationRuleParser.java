package dev.shoplab.mesh.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Turns a DestinationRule spec into the traffic policy the mesh applies, with Istio's defaults. */
final class DestinationRuleParser {

    /**
     * A parsed DestinationRule.
     *
     * @param host    short host name
     * @param traffic its traffic policy
     */
    record Parsed(String host, TrafficPolicy traffic) {
    }

    private static final Duration ONE_MS = Duration.ofMillis(1);

    private DestinationRuleParser() {
    }

    static Parsed parse(IstioResource resource, List<String> warnings) {
        YamlNode spec = resource.spec();
        if (!spec.present()) {
            throw spec.error("is required");
        }
        spec.checkFields(Set.of("host", "trafficPolicy"), Set.of("subsets", "exportTo", "workloadSelector"), warnings);
        String host = spec.field("host").text();
        if (host.contains("*")) {
            throw spec.field("host").error("wildcard hosts are not supported by the local mesh: name each destination host");
        }
        YamlNode policy = spec.field("trafficPolicy");
        policy.checkFields(Set.of("connectionPool", "outlierDetection"),
                Set.of("loadBalancer", "tls", "portLevelSettings", "tunnel", "proxyProtocol"), warnings);
        return new Parsed(IstioResource.shortHost(host),
                new TrafficPolicy(connectionPool(policy.field("connectionPool"), warnings),
                        outlier(policy.field("outlierDetection"), warnings)));
    }

    private static ConnectionPoolPolicy connectionPool(YamlNode pool, List<String> warnings) {
        ConnectionPoolPolicy d = ConnectionPoolPolicy.DEFAULT;
        if (!pool.present()) {
            return d;
        }
        pool.checkFields(Set.of("tcp", "http"), Set.of(), warnings);
        YamlNode tcp = pool.field("tcp");
        tcp.checkFields(Set.of("maxConnections", "connectTimeout"),
                Set.of("tcpKeepalive", "maxConnectionDuration", "idleTimeout"), warnings);
        YamlNode http = pool.field("http");
        http.checkFields(Set.of("http1MaxPendingRequests", "http2MaxRequests", "maxRequestsPerConnection", "maxRetries"),
                Set.of("idleTimeout", "h2UpgradePolicy", "useClientProtocol", "maxConcurrentStreams"), warnings);
        // Istio: 0 (the proto3 default) means "not set", i.e. Envoy's unlimited default.
        return new ConnectionPoolPolicy(
                unlimitedIfZero(tcp.field("maxConnections").intValue(0, Integer.MAX_VALUE, 0)),
                unlimitedIfZero(http.field("http1MaxPendingRequests").intValue(0, Integer.MAX_VALUE, 0)),
                unlimitedIfZero(http.field("http2MaxRequests").intValue(0, Integer.MAX_VALUE, 0)),
                http.field("maxRequestsPerConnection").intValue(0, Integer.MAX_VALUE, 0),
                unlimitedIfZero(http.field("maxRetries").intValue(0, Integer.MAX_VALUE, 0)),
                tcp.field("connectTimeout").duration(d.connectTimeout(), ONE_MS));
    }

    private static int unlimitedIfZero(int value) {
        return value == 0 ? Integer.MAX_VALUE : value;
    }

    private static OutlierPolicy outlier(YamlNode od, List<String> warnings) {
        if (!od.present()) {
            return null;
        }
        if (od.field("consecutiveErrors").present()) {
            throw od.field("consecutiveErrors").error("deprecated by Istio: use consecutive5xxErrors or consecutiveGatewayErrors");
        }
        od.checkFields(Set.of("consecutive5xxErrors", "consecutiveGatewayErrors", "interval", "baseEjectionTime",
                        "maxEjectionPercent", "minHealthPercent"),
                Set.of("splitExternalLocalOriginErrors", "consecutiveLocalOriginFailures"), warnings);
        return new OutlierPolicy(
                od.field("consecutive5xxErrors").intValue(0, Integer.MAX_VALUE, 5),
                od.field("consecutiveGatewayErrors").intValue(0, Integer.MAX_VALUE, 0),
                od.field("interval").duration(Duration.ofSeconds(10), ONE_MS),
                od.field("baseEjectionTime").duration(Duration.ofSeconds(30), ONE_MS),
                od.field("maxEjectionPercent").intValue(0, 100, 10),
                od.field("minHealthPercent").intValue(0, 100, 0));
    }
}
