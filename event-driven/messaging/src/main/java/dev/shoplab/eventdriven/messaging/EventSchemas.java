package dev.shoplab.eventdriven.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The event contract: one JSON Schema file per event type and version under {@code event-schemas/}
 * ({@code OrderPlaced.v1.json}), each extending {@code envelope.json}. Producers check what they
 * publish against it; consumers check the envelope of everything they receive and the payload of what they
 * act on; an event without a schema file is unknown.
 */
public final class EventSchemas {

    /** Base of the schemas' {@code $id}s; resolved to the classpath folder {@code event-schemas/}. */
    public static final String BASE_URI = "https://shoplab.dev/event-schemas/";

    private static final String FOLDER = "event-schemas/";
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]{1,63}");

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE_URI, "classpath:" + FOLDER)));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final JsonSchema ENVELOPE = FACTORY.getSchema(SchemaLocation.of(BASE_URI + "envelope.json"), CONFIG);
    private static final Map<String, Optional<JsonSchema>> BY_TYPE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** True when a schema file exists for this type and version. */
    public static boolean known(String type, int version) {
        return schema(type, version).isPresent();
    }

    /**
     * What is wrong with an event (envelope and payload) against its contract; empty when it conforms.
     * An unknown type or version is a problem too.
     */
    public static List<String> problems(JsonNode event) {
        List<String> envelopeProblems = envelopeProblems(event);
        return envelopeProblems.isEmpty() ? payloadProblems(event) : envelopeProblems;
    }

    /**
     * What is wrong with an event whose envelope conforms ({@link #envelopeProblems} is empty) against the
     * schema of its type and version; empty when it conforms.
     */
    public static List<String> payloadProblems(JsonNode event) {
        return messages(schema(event.get("type").asText(), event.get("version").asInt()).orElseThrow().validate(event));
    }

    /**
     * What is wrong with an event's envelope, or that its type and version are unknown; empty when the envelope
     * conforms to {@code envelope.json} and a schema file exists for its type and version. The payload is not
     * checked: a consumer checks it only for the types it acts on ({@link #problems}).
     */
    public static List<String> envelopeProblems(JsonNode event) {
        List<String> envelopeProblems = messages(ENVELOPE.validate(event));
        if (!envelopeProblems.isEmpty()) {
            return envelopeProblems;
        }
        String type = event.get("type").asText();
        int version = event.get("version").asInt();
        if (schema(type, version).isEmpty()) {
            return List.of("unknown event type " + type + " version " + version + " (no schema " + fileName(type, version)
                    + ")");
        }
        return List.of();
    }

    /** The schema file name of a type and version, for example {@code OrderPlaced.v1.json}. */
    public static String fileName(String type, int version) {
        return type + ".v" + version + ".json";
    }

    private static Optional<JsonSchema> schema(String type, int version) {
        if (type == null || !TYPE_NAME.matcher(type).matches() || version < 1) {
            return Optional.empty();
        }
        return BY_TYPE.computeIfAbsent(fileName(type, version), file -> {
            if (resourceMissing(FOLDER + file)) {
                return Optional.empty();
            }
            return Optional.of(FACTORY.getSchema(SchemaLocation.of(BASE_URI + file), CONFIG));
        });
    }

    private static boolean resourceMissing(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || loader.getResource(resource) == null) {
            return EventSchemas.class.getClassLoader().getResource(resource) == null;
        }
        return false;
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
