package dev.shoplab.loadtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shoplab.lab.LabHome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mesh fault changes only what it is asked to, on top of the shipped Istio files. */
class MeshPolicyTest {

    private static final List<JsonNode> SHIPPED = MeshPolicy.shipped(
            LabHome.locate().artifact("infra/k8s/istio").toString());

    @Test
    void attempts_and_per_try_timeout_change_on_every_route_and_the_rest_stays_as_shipped() throws Exception {
        List<JsonNode> docs = documents(MeshPolicy.override("payment-service", SHIPPED,
                Map.of("attempts", 0, "perTryTimeout", "1s")));
        JsonNode vs = kind(docs, "VirtualService");
        JsonNode retries = vs.path("spec").path("http").get(0).path("retries");
        assertEquals(0, retries.path("attempts").asInt());
        assertEquals("1s", retries.path("perTryTimeout").asText());
        assertEquals("5xx,gateway-error,connect-failure,reset", retries.path("retryOn").asText());
        assertEquals(3, kind(docs, "DestinationRule").path("spec").path("trafficPolicy").path("outlierDetection")
                .path("consecutive5xxErrors").asInt(), "outlier detection stays when not asked about");
    }

    @Test
    void outlier_detection_off_removes_it_and_keeps_the_connection_pool() throws Exception {
        JsonNode dr = kind(documents(MeshPolicy.override("psp-simulator", SHIPPED, Map.of("outlierDetection", false))),
                "DestinationRule");
        assertFalse(dr.path("spec").path("trafficPolicy").has("outlierDetection"));
        assertTrue(dr.path("spec").path("trafficPolicy").has("connectionPool"));
    }

    @Test
    void a_host_no_file_names_gets_a_virtual_service_of_its_own() throws Exception {
        JsonNode vs = kind(documents(MeshPolicy.override("audit-service", SHIPPED, Map.of("attempts", 1))),
                "VirtualService");
        assertEquals("audit-service", vs.path("spec").path("hosts").get(0).asText());
        assertEquals(1, vs.path("spec").path("http").get(0).path("retries").path("attempts").asInt());
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.readValues(new YAMLFactory().createParser(yaml), JsonNode.class).forEachRemaining(docs::add);
        return docs;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst().orElseThrow();
    }
}
