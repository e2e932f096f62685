package dev.shoplab.loadtests.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.loadtests.scenario.MeshVariant;
import org.junit.jupiter.api.Test;

/** A mesh variant becomes a DestinationRule that keeps the connection pool in force and changes only ejection. */
class MeshControlTest {

    /** The trafficPolicy of the shipped policy as GET /admin/policies renders it (infra/mesh's PolicyJson). */
    private static final String SHIPPED = """
            {"connectionPool": {"maxConnections": 100, "http1MaxPendingRequests": 50, "http2MaxRequests": null,
              "maxRequestsPerConnection": 0, "maxRetries": null, "connectTimeout": "10s"},
             "outlierDetection": {"consecutive5xxErrors": 3, "consecutiveGatewayErrors": 0, "interval": "30s",
              "baseEjectionTime": "30s", "maxEjectionPercent": 100, "minHealthPercent": 0}}""";

    @Test
    void outlier_detection_off_drops_it_and_keeps_the_pool() throws Exception {
        JsonNode traffic = new ObjectMapper().readTree(SHIPPED);
        ObjectNode rule = MeshControl.destinationRule("psp-simulator", traffic,
                new MeshVariant("off", "no ejection", false, null));
        assertEquals("DestinationRule", rule.path("kind").asText());
        assertEquals("psp-simulator", rule.path("spec").path("host").asText());
        JsonNode policy = rule.path("spec").path("trafficPolicy");
        assertFalse(policy.has("outlierDetection"));
        assertEquals(100, policy.path("connectionPool").path("tcp").path("maxConnections").asInt());
        assertEquals("10s", policy.path("connectionPool").path("tcp").path("connectTimeout").asText());
        assertEquals(50, policy.path("connectionPool").path("http").path("http1MaxPendingRequests").asInt());
        assertFalse(policy.path("connectionPool").path("http").has("http2MaxRequests"), "unlimited stays unset");
    }

    @Test
    void a_higher_threshold_changes_only_the_threshold() throws Exception {
        JsonNode traffic = new ObjectMapper().readTree(SHIPPED);
        JsonNode od = MeshControl.destinationRule("payment-service", traffic,
                new MeshVariant("lenient", "eject after 50", null, 50)).path("spec").path("trafficPolicy")
                .path("outlierDetection");
        assertEquals(50, od.path("consecutive5xxErrors").asInt());
        assertEquals("30s", od.path("baseEjectionTime").asText());
        assertTrue(od.has("maxEjectionPercent"));
    }
}
