package dev.shoplab.loadtests.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shoplab.lab.AdminApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code mesh} fault: the retry attempts, the per-try timeout and outlier detection of every hop of the
 * distributed monolith's mesh, changed at run time through its admin API ({@code PUT /admin/policies/{host}},
 * infra/mesh). Each host's override is its shipped VirtualService and DestinationRule (the files the mesh reads)
 * with only the asked-for fields changed, so everything else a team wrote stays in force; lifting the fault drops
 * the overrides and the files rule again.
 */
final class MeshPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Duration CALL = Duration.ofSeconds(10);

    private MeshPolicy() {
    }

    /**
     * Overrides every destination's policy on every mesh with {@code settings} (attempts, perTryTimeout,
     * outlierDetection); returns what changed against the shipped policy, for people:
     * {@code attempts 3 → 0, outlier detection on → off, on 5 hops}.
     *
     * @throws RuntimeException when a mesh did not take the change; every hop is then put back to its shipped policy
     *                          (as far as the meshes answer), so no hop is left with half a fault that nothing lists
     */
    static String apply(List<AdminApi> meshes, Map<String, Object> settings) {
        try {
            return overrideEverywhere(meshes, settings);
        } catch (RuntimeException e) {
            // hosts changed before the failure would keep the override, and no fault would say so: back to shipped
            try {
                reset(meshes);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    private static String overrideEverywhere(List<AdminApi> meshes, Map<String, Object> settings) {
        String change = "";
        for (AdminApi mesh : meshes) {
            JsonNode policies = read(mesh.get("/admin/policies"));
            List<JsonNode> shipped = shipped(policies.path("policyDirectory").asText(null));
            List<String> hosts = new ArrayList<>();
            policies.path("destinations").fieldNames().forEachRemaining(hosts::add);
            for (String host : hosts) {
                mesh.send("PUT", "/admin/policies/" + host, override(host, shipped, settings), "application/yaml", CALL);
            }
            if (change.isEmpty() && !hosts.isEmpty()) {
                change = change(shipped, hosts.get(0), settings) + " on " + hosts.size() + " hops";
            }
        }
        return change;
    }

    private static String change(List<JsonNode> shipped, String host, Map<String, Object> settings) {
        List<String> parts = new ArrayList<>();
        if (settings.containsKey("attempts")) {
            parts.add("attempts " + orElse(shippedRetry(shipped, host, "attempts"), "2") + " → " + settings.get("attempts"));
        }
        if (settings.containsKey("perTryTimeout")) {
            parts.add("per-try timeout " + orElse(shippedRetry(shipped, host, "perTryTimeout"), "none") + " → "
                    + settings.get("perTryTimeout"));
        }
        if (settings.containsKey("outlierDetection")) {
            parts.add("outlier detection " + (Boolean.TRUE.equals(settings.get("outlierDetection")) ? "shipped" : "on → off"));
        }
        return String.join(", ", parts);
    }

    private static String orElse(String value, String dflt) {
        return value == null ? dflt : value;
    }

    /** Drops every override on every mesh: the shipped files rule again. */
    static void reset(List<AdminApi> meshes) {
        for (AdminApi mesh : meshes) {
            JsonNode destinations = read(mesh.get("/admin/policies")).path("destinations");
            for (Iterator<Map.Entry<String, JsonNode>> it = destinations.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> destination = it.next();
                if (destination.getValue().path("overridden").asBoolean()) {
                    mesh.send("DELETE", "/admin/policies/" + destination.getKey(), null, CALL);
                }
            }
        }
    }

    /**
     * The override of one host: its shipped documents with the settings laid over them, as YAML. A host no file
     * names gets a VirtualService of its own (Istio's default retries, changed as asked).
     */
    static String override(String host, List<JsonNode> shipped, Map<String, Object> settings) {
        List<ObjectNode> documents = new ArrayList<>();
        ObjectNode virtualService = null;
        for (JsonNode doc : shipped) {
            if (about(doc, host)) {
                ObjectNode copy = doc.deepCopy();
                documents.add(copy);
                if ("VirtualService".equals(copy.path("kind").asText())) {
                    virtualService = copy;
                }
            }
        }
        if (virtualService == null) {
            virtualService = JSON.createObjectNode();
            virtualService.put("apiVersion", "networking.istio.io/v1").put("kind", "VirtualService");
            virtualService.putObject("metadata").put("name", host);
            ObjectNode spec = virtualService.putObject("spec");
            spec.putArray("hosts").add(host);
            spec.putArray("http").addObject().putArray("route").addObject().putObject("destination").put("host", host);
            documents.add(virtualService);
        }
        for (JsonNode route : virtualService.path("spec").path("http")) {
            ObjectNode retries = route.has("retries") ? (ObjectNode) route.get("retries")
                    : ((ObjectNode) route).putObject("retries").put("attempts", 2);
            if (settings.containsKey("attempts")) {
                retries.put("attempts", ((Number) settings.get("attempts")).intValue());
            }
            if (settings.containsKey("perTryTimeout")) {
                retries.put("perTryTimeout", settings.get("perTryTimeout").toString());
            }
        }
        if (Boolean.FALSE.equals(settings.get("outlierDetection"))) {
            for (ObjectNode doc : documents) {
                if ("DestinationRule".equals(doc.path("kind").asText()) && doc.path("spec").has("trafficPolicy")) {
                    ((ObjectNode) doc.path("spec").path("trafficPolicy")).remove("outlierDetection");
                }
            }
        }
        StringBuilder yaml = new StringBuilder();
        try {
            for (ObjectNode doc : documents) {
                yaml.append(YAML.writeValueAsString(doc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return yaml.toString();
    }

    /** The shipped value of a retry field on {@code host} (for the events strip), or null. */
    static String shippedRetry(List<JsonNode> shipped, String host, String field) {
        for (JsonNode doc : shipped) {
            if (about(doc, host) && "VirtualService".equals(doc.path("kind").asText())) {
                JsonNode value = doc.path("spec").path("http").path(0).path("retries").path(field);
                return value.isMissingNode() ? null : value.asText();
            }
        }
        return null;
    }

    /** Every VirtualService and DestinationRule in the mesh's policy folder. */
    static List<JsonNode> shipped(String directory) {
        List<JsonNode> documents = new ArrayList<>();
        if (directory == null) {
            return documents;
        }
        try (Stream<Path> files = Files.list(Path.of(directory))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(file.toFile())) {
                    for (Iterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class); docs.hasNext(); ) {
                        JsonNode doc = docs.next();
                        String kind = doc == null ? "" : doc.path("kind").asText();
                        if (kind.equals("VirtualService") || kind.equals("DestinationRule")) {
                            documents.add(doc);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mesh's policies in " + directory + ": " + e.getMessage(), e);
        }
        return documents;
    }

    private static boolean about(JsonNode doc, String host) {
        JsonNode spec = doc.path("spec");
        if ("DestinationRule".equals(doc.path("kind").asText())) {
            return host.equals(spec.path("host").asText());
        }
        for (JsonNode h : spec.path("hosts")) {
            if (host.equals(h.asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("The mesh's admin API did not answer JSON: " + e.getMessage(), e);
        }
    }
}
