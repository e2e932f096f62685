package dev.shoplab.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every kind the manifests may hold, each with the model that knows its schema — Kubernetes' own kinds with the
 * fabric8 model, Strimzi's custom resources with Strimzi's {@code api} module, Istio's with fabric8's Istio model —
 * and the check of one rendered object against it: the object must read into the model, and every field it has
 * must be one the model knows. The models keep unknown fields aside instead of refusing them
 * ({@code additionalProperties}), so the check reads the object, writes it back without those, and names every
 * field that did not come back: {@code atempts} in a VirtualService fails with its file and its path.
 */
final class Schemas {

    /** The model of each {@code apiVersion kind}; an object of any other kind is refused. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1 Namespace", Namespace.class),
            Map.entry("v1 ConfigMap", ConfigMap.class),
            Map.entry("v1 Secret", Secret.class),
            Map.entry("v1 Service", Service.class),
            Map.entry("apps/v1 Deployment", Deployment.class),
            Map.entry("apps/v1 StatefulSet", StatefulSet.class),
            Map.entry("networking.istio.io/v1 VirtualService", VirtualService.class),
            Map.entry("networking.istio.io/v1 DestinationRule", DestinationRule.class),
            Map.entry("kafka.strimzi.io/v1 Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1 KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1 KafkaTopic", KafkaTopic.class));

    /** Reads into the models strictly as to types; unknown fields land in {@code additionalProperties}. */
    private static final ObjectMapper READ = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    /** Writes the models back without their {@code additionalProperties}: what remains is what they know. */
    private static final ObjectMapper KNOWN = new ObjectMapper().setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public Boolean hasAnyGetter(Annotated annotated) {
            return false;
        }
    });

    private Schemas() {
    }

    /**
     * The problems of one object, each a line naming its file, its kind and name, and the field; empty when it
     * matches its schema.
     */
    static List<String> problems(String file, JsonNode object) {
        String kind = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        String where = file + ": " + kind + " " + object.path("metadata").path("name").asText();
        Class<?> model = MODELS.get(kind);
        if (model == null) {
            return List.of(where + ": no schema for '" + kind + "' (known: " + MODELS.keySet().stream().sorted().toList()
                    + "); a misspelled apiVersion or kind, or a kind to add to " + Schemas.class.getSimpleName());
        }
        Object typed;
        try {
            typed = READ.treeToValue(object, model);
        } catch (JsonMappingException e) {
            return List.of(where + ": " + path(e) + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(where + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(object, KNOWN.valueToTree(typed), "", where, problems);
        return problems;
    }

    /** Every field of {@code given} that {@code known} lacks, recursively; empty values are not fields. */
    private static void unknownFields(JsonNode given, JsonNode known, String path, String where, List<String> problems) {
        if (given.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode counterpart = known == null ? null : known.get(field.getKey());
                if (counterpart == null || counterpart.isNull()) {
                    if (!isEmpty(field.getValue())) {
                        problems.add(where + ": " + at + ": unknown field '" + field.getKey() + "'");
                    }
                } else if (!isFreeForm(counterpart, field.getValue())) {
                    unknownFields(field.getValue(), counterpart, at, where, problems);
                }
            }
        } else if (given.isArray()) {
            for (int i = 0; i < given.size(); i++) {
                unknownFields(given.get(i), known != null && known.isArray() ? known.get(i) : null, path + "[" + i + "]",
                        where, problems);
            }
        }
    }

    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || (value.isContainerNode() && value.isEmpty());
    }

    /** Maps the model holds as maps (labels, config, data) come back whole: nothing below them is a schema field. */
    private static boolean isFreeForm(JsonNode known, JsonNode given) {
        return known.equals(given);
    }

    private static String path(JsonMappingException e) {
        StringBuilder at = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                at.append(at.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                at.append('[').append(ref.getIndex()).append(']');
            }
        }
        return at.length() == 0 ? "(top)" : at.toString();
    }
}
