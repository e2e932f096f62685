package dev.shoplab.mesh.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** A node of a parsed Istio document that knows its path, so every error names the source and the field. */
final class YamlNode {

    private final JsonNode node;
    private final String path;
    private final String source;

    YamlNode(JsonNode node, String path, String source) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.source = source;
    }

    String path() {
        return path;
    }

    String source() {
        return source;
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    YamlNode field(String name) {
        return new YamlNode(node.get(name), path.isEmpty() ? name : path + "." + name, source);
    }

    PolicyException error(String message) {
        return new PolicyException(source + ": " + path + ": " + message);
    }

    /** Fails on a field Istio does not have; adds a warning for each field Istio has but the mesh does not apply. */
    void checkFields(Set<String> applied, Set<String> ignored, List<String> warnings) {
        if (!present()) {
            return;
        }
        if (!node.isObject()) {
            throw error("expected a mapping, got " + describe());
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (ignored.contains(name)) {
                warnings.add(source + ": " + field(name).path + ": not applied by the local mesh (ignored)");
            } else if (!applied.contains(name)) {
                throw field(name).error("unknown field (expected one of " + String.join(", ", sorted(applied, ignored)) + ")");
            }
        }
    }

    private static List<String> sorted(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(String::compareTo);
        return all;
    }

    List<String> fieldNames() {
        if (!present()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw error("expected a mapping, got " + describe());
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    List<YamlNode> list() {
        if (!present()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("expected a list, got " + describe());
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new YamlNode(node.get(i), path + "[" + i + "]", source));
        }
        return items;
    }

    String text() {
        if (!present()) {
            throw error("is required");
        }
        if (!node.isValueNode() || node.isBoolean()) {
            throw error("expected a string, got " + describe());
        }
        return node.asText();
    }

    String textOr(String fallback) {
        return present() ? text() : fallback;
    }

    int intValue(int min, int max, int fallback) {
        if (!present()) {
            return fallback;
        }
        long value;
        if (node.isIntegralNumber() && !node.canConvertToLong()) {
            // beyond a long: asLong() would wrap it round (99999999999999999999 read as 7766279631452241919)
            throw error("expected a whole number between " + min + " and " + max + ", got " + node.asText());
        } else if (node.isIntegralNumber()) {
            value = node.asLong();
        } else if (node.isTextual() && node.asText().trim().matches("-?\\d{1,12}")) {
            value = Long.parseLong(node.asText().trim());
        } else {
            throw error("expected a whole number between " + min + " and " + max + ", got " + describe());
        }
        if (value < min || value > max) {
            throw error("expected a whole number between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    double doubleValue(double min, double max) {
        double value;
        if (node.isNumber()) {
            value = node.asDouble();
        } else if (node.isTextual() && node.asText().trim().matches("-?\\d+(\\.\\d+)?")) {
            value = Double.parseDouble(node.asText().trim());
        } else {
            throw error("expected a number between " + min + " and " + max + ", got " + describe());
        }
        if (value < min || value > max) {
            throw error("expected a number between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    boolean booleanValue(boolean fallback) {
        if (!present()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error("expected true or false, got " + describe());
        }
        return node.asBoolean();
    }

    /** An Istio duration ({@code 5s}, {@code 250ms}); {@code minimum} guards Istio's "MUST be >= 1ms" rules. */
    Duration duration(Duration fallback, Duration minimum) {
        if (!present()) {
            return fallback;
        }
        Duration d = IstioDuration.parse(node.isValueNode() ? node.asText() : null)
                .orElseThrow(() -> error("expected a duration such as 5s, 250ms or 1m, got " + describe()));
        if (d.compareTo(minimum) < 0) {
            throw error("must be at least " + IstioDuration.format(minimum) + ", got " + node.asText());
        }
        return d;
    }

    private String describe() {
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }
}
