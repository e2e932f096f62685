package dev.shoplab.mesh.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Istio networking object (VirtualService or DestinationRule) read from a YAML document.
 *
 * @param kind   VirtualService or DestinationRule
 * @param name   metadata.name
 * @param source file name, document number, kind and name, used in every error and warning
 * @param spec   the spec, path-aware
 */
record IstioResource(String kind, String name, String source, YamlNode spec) {

    static final String VIRTUAL_SERVICE = "VirtualService";
    static final String DESTINATION_RULE = "DestinationRule";
    private static final Set<String> VERSIONS = Set.of("networking.istio.io/v1", "networking.istio.io/v1beta1",
            "networking.istio.io/v1alpha3");
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * Reads every document of a YAML text; keeps VirtualServices and DestinationRules, skips other kinds
     * (kustomization files, ServiceEntries, Deployments...) and names them in {@code skipped}.
     */
    static List<IstioResource> read(String sourceName, String text, List<String> skipped) {
        List<IstioResource> resources = new ArrayList<>();
        int index = 0;
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                index++;
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue;
                }
                String where = sourceName + " (document " + index + ")";
                YamlNode root = new YamlNode(doc, "", where);
                if (!doc.isObject()) {
                    throw new PolicyException(where + ": expected a Kubernetes object (apiVersion, kind, metadata, spec)");
                }
                String apiVersion = root.field("apiVersion").textOr("");
                String kind = root.field("kind").textOr("");
                boolean networking = apiVersion.startsWith("networking.istio.io/");
                if (!networking || !(kind.equals(VIRTUAL_SERVICE) || kind.equals(DESTINATION_RULE))) {
                    skipped.add(where + ": " + (kind.isEmpty() ? "no kind" : kind) + " skipped (not a VirtualService or DestinationRule)");
                    continue;
                }
                if (!VERSIONS.contains(apiVersion)) {
                    throw root.field("apiVersion").error("unknown version " + apiVersion + " (expected one of " + VERSIONS + ")");
                }
                String name = root.field("metadata").field("name").textOr("(unnamed)");
                String source = sourceName + " (document " + index + ", " + kind + " " + name + ")";
                resources.add(new IstioResource(kind, name, source, new YamlNode(doc.get("spec"), "spec", source)));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new PolicyException(sourceName + ": not valid YAML" + position + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PolicyException(sourceName + ": cannot read: " + e.getMessage(), e);
        }
        return resources;
    }

    /**
     * The short host name used by the mesh: {@code payment-service.shop.svc.cluster.local} and
     * {@code payment-service.shop.svc} become {@code payment-service}; other names stay as written.
     */
    static String shortHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int svc = h.indexOf(".svc");
        if (svc > 0 && (h.endsWith(".svc") || h.endsWith(".svc.cluster.local"))) {
            int dot = h.indexOf('.');
            return h.substring(0, dot);
        }
        return h;
    }
}
