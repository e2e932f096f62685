package dev.shoplab.loadtests.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.LabHome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * A mesh that takes the first host's override and fails the second's (a timeout, a mesh restarting) must not keep
     * the first: no fault would be listed, so neither its lift nor {@code fault clear} would ever undo it.
     */
    @Test
    void a_change_that_fails_half_way_puts_the_hosts_it_changed_back_to_their_shipped_policy() throws Exception {
        Map<String, Boolean> overridden = new LinkedHashMap<>(Map.of("inventory-service", false));
        overridden.put("payment-service", false);
        HttpServer mesh = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        mesh.createContext("/admin/policies", x -> {
            String host = x.getRequestURI().getPath().replaceFirst("^/admin/policies/?", "");
            int status = 204;
            String body = "";
            switch (x.getRequestMethod()) {
                case "GET" -> {
                    status = 200;
                    StringBuilder json = new StringBuilder("{\"policyDirectory\": null, \"destinations\": {");
                    overridden.forEach((h, o) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                            .append('"').append(h).append("\": {\"overridden\": ").append(o).append('}'));
                    body = json.append("}}").toString();
                }
                case "PUT" -> {
                    if (host.equals("payment-service")) {
                        status = 500;
                        body = "{\"title\": \"restarting\"}";
                    } else {
                        overridden.put(host, true);
                    }
                }
                case "DELETE" -> overridden.put(host, false);
                default -> status = 405;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        });
        mesh.start();
        try {
            AdminApi api = new AdminApi("http://127.0.0.1:" + mesh.getAddress().getPort(), ControlToken.given("t"));
            RuntimeException failed = assertThrows(RuntimeException.class,
                    () -> MeshPolicy.apply(List.of(api), Map.of("attempts", 0)));
            assertTrue(failed.getMessage().contains("payment-service"), failed.getMessage());
            assertEquals(Map.of("inventory-service", false, "payment-service", false), overridden,
                    "every hop is back to its shipped policy");
        } finally {
            mesh.stop(0);
        }
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
