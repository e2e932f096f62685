package dev.shoplab.distributed.system;

/**
 * Istio YAML the fault tests lay over the shipped policies through the mesh's admin API, written the way
 * an operator would write them for a cluster (a fault-injection route in front of the default route).
 */
final class MeshPolicies {

    /** The shipped retry policy of every hop (infra/k8s/istio): 3 retries of 5 s on 5xx, gateway errors, connect failures, resets. */
    private static final String SHIPPED_RETRIES = """
                  retries:
                    attempts: 3
                    perTryTimeout: 5s
                    retryOn: 5xx,gateway-error,connect-failure,reset
            """;

    private MeshPolicies() {
    }

    /**
     * A VirtualService for {@code host} whose requests to paths matching {@code pathRegex} are aborted by the
     * mesh with a 503 (Envoy's fault filter: never retried); every other request takes the shipped route.
     */
    static String abortPaths(String host, String pathRegex) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: %1$s
                spec:
                  hosts:
                    - %1$s
                  http:
                    - name: %1$s-broken
                      match:
                        - uri:
                            regex: "%2$s"
                      fault:
                        abort:
                          httpStatus: 503
                          percentage:
                            value: 100
                      route:
                        - destination:
                            host: %1$s
                    - name: %1$s-default
                      route:
                        - destination:
                            host: %1$s
                """.formatted(host, pathRegex) + SHIPPED_RETRIES;
    }

    /**
     * The shipped DestinationRule of {@code host} with its outlier detection (3 consecutive 5xx or connect
     * failures eject), but an endpoint stays ejected for {@code baseEjectionTime} (an Istio duration, e.g.
     * {@code 10m}) instead of the shipped 30 s: a test that checks the ejection outlasts a slow restart.
     */
    static String ejectingFor(String host, String baseEjectionTime) {
        return withoutOutlierDetection(host) + """
                    outlierDetection:
                      consecutive5xxErrors: 3
                      interval: 30s
                      baseEjectionTime: %s
                      maxEjectionPercent: 100
                """.formatted(baseEjectionTime);
    }

    /** The shipped DestinationRule of {@code host} without its outlier detection: retries alone decide. */
    static String withoutOutlierDetection(String host) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata:
                  name: %1$s
                spec:
                  host: %1$s
                  trafficPolicy:
                    connectionPool:
                      tcp:
                        maxConnections: 100
                      http:
                        http1MaxPendingRequests: 50
                """.formatted(host);
    }
}
