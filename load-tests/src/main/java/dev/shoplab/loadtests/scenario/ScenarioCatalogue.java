package dev.shoplab.loadtests.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shoplab.loadtests.simulation.LoadSettings.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads and validates the scenario catalogue: one YAML file per scenario in {@code load-tests/scenarios}.
 * A bad file gets an error that names the file and the field, and says what is expected.
 */
public final class ScenarioCatalogue {

    /** The architectures a scenario may name in {@code appliesTo}. */
    public static final List<String> ARCHITECTURES = List.of("monolith", "distributed-monolith", "event-driven");

    /** The catalogue's order in reports: the order of docs/DESIGN.md. */
    public static final List<String> ORDER = List.of("baseline", "psp-slow", "psp-flaky", "psp-outage",
            "service-crash", "retry-storm", "db-restart", "broker-restart", "saturation");

    private static final Set<String> TOP_FIELDS = Set.of("title", "description", "lookFor", "appliesTo", "load",
            "quick", "stock", "faults", "slo");
    private static final Set<String> LOAD_FIELDS = Set.of("rate", "duration", "steps", "stepSeconds", "clientRetries",
            "requestTimeoutSeconds", "skuCount");
    private static final Set<String> QUICK_FIELDS = Set.of("include", "duration", "stepSeconds");
    private static final Set<String> FAULT_FIELDS = Set.of("action", "at", "for", "target", "latencyMs", "jitterMs",
            "errorRate", "timeoutRate", "down");
    private static final Set<String> PROVIDER_SETTINGS = Set.of("latencyMs", "jitterMs", "errorRate", "timeoutRate",
            "down");
    private static final Set<String> KILL_TARGETS = Set.of("order", "inventory", "payment", "notification");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ScenarioCatalogue() {
    }

    /** Every scenario in {@code dir}, in the catalogue's order (unknown names last, alphabetically). */
    public static List<Scenario> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ScenarioException("The scenario folder " + dir + " does not exist");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).map(ScenarioCatalogue::read)
                    .sorted(Comparator.comparingInt((Scenario s) -> ORDER.indexOf(s.name()) < 0
                            ? Integer.MAX_VALUE : ORDER.indexOf(s.name())).thenComparing(Scenario::name))
                    .toList();
        } catch (IOException e) {
            throw new ScenarioException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads one scenario file. */
    public static Scenario read(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ScenarioException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(file + ": expected a mapping with title, description, load, faults …");
        }
        return parse(name, file.toString(), root);
    }

    static Scenario parse(String name, String where, JsonNode root) {
        onlyFields(root, TOP_FIELDS, where);
        String title = text(root, "title", where, true);
        String description = text(root, "description", where, true);
        String lookFor = text(root, "lookFor", where, true);

        Set<String> appliesTo = new LinkedHashSet<>(ARCHITECTURES);
        if (root.has("appliesTo")) {
            appliesTo.clear();
            for (JsonNode a : array(root, "appliesTo", where)) {
                if (!ARCHITECTURES.contains(a.asText())) {
                    throw new ScenarioException(where + ": appliesTo: unknown architecture '" + a.asText()
                            + "'; use " + String.join(", ", ARCHITECTURES));
                }
                appliesTo.add(a.asText());
            }
        }

        JsonNode load = object(root, "load", where, true);
        onlyFields(load, LOAD_FIELDS, where + ": load");
        String lw = where + ": load";
        int clientRetries = integer(load, "clientRetries", lw, 0, 0, 10);
        int requestTimeout = integer(load, "requestTimeoutSeconds", lw, 10, 1, 120);
        int skuCount = integer(load, "skuCount", lw, 999, 1, 999);
        List<Phase> phases;
        List<Phase> quickPhases;
        JsonNode quick = root.has("quick") ? object(root, "quick", where, true) : YAML.createObjectNode();
        onlyFields(quick, QUICK_FIELDS, where + ": quick");
        boolean inQuick = !quick.has("include") || bool(quick, "include", where + ": quick");
        if (load.has("steps")) {
            List<Double> rates = new ArrayList<>();
            for (JsonNode step : array(load, "steps", lw)) {
                if (!step.isNumber() || step.asDouble() <= 0) {
                    throw new ScenarioException(lw + ".steps: every step is an arrival rate > 0, not " + step);
                }
                rates.add(step.asDouble());
            }
            int stepSeconds = integer(load, "stepSeconds", lw, 15, 2, 600);
            int quickStep = integer(quick, "stepSeconds", where + ": quick", Math.max(3, stepSeconds / 3), 2, 600);
            phases = rates.stream().map(r -> new Phase(r, Duration.ofSeconds(stepSeconds))).toList();
            quickPhases = rates.stream().map(r -> new Phase(r, Duration.ofSeconds(quickStep))).toList();
            if (load.has("rate") || load.has("duration")) {
                throw new ScenarioException(lw + ": give either rate and duration, or steps and stepSeconds");
            }
        } else {
            double rate = number(load, "rate", lw);
            int duration = integer(load, "duration", lw, -1, 5, 3600);
            int quickDuration = integer(quick, "duration", where + ": quick", Math.max(5, duration / 4), 5, 3600);
            phases = List.of(new Phase(rate, Duration.ofSeconds(duration)));
            quickPhases = List.of(new Phase(rate, Duration.ofSeconds(quickDuration)));
        }

        Map<String, Integer> stock = new LinkedHashMap<>();
        if (root.has("stock")) {
            JsonNode s = object(root, "stock", where, true);
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().matches("SKU-\\d{4}") || !e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                    throw new ScenarioException(where + ": stock." + e.getKey()
                            + ": expected SKU-NNNN: units (an integer >= 0)");
                }
                stock.put(e.getKey(), e.getValue().asInt());
            }
        }

        Duration full = phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
        Duration quickTotal = quickPhases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
        List<Fault> faults = new ArrayList<>();
        if (root.has("faults")) {
            int i = 0;
            for (JsonNode f : array(root, "faults", where)) {
                faults.add(fault(f, where + ": faults[" + i++ + "]", full));
            }
        }
        double factor = (double) quickTotal.toMillis() / full.toMillis();
        List<Fault> quickFaults = faults.stream().map(f -> new Fault(f.action(),
                Duration.ofSeconds(Math.round(f.at().toSeconds() * factor)),
                Duration.ofSeconds(Math.max(2, Math.round(f.lasting().toSeconds() * factor))), f.target(),
                f.settings())).toList();

        Duration slo = null;
        if (root.has("slo")) {
            JsonNode s = object(root, "slo", where, true);
            slo = Duration.ofMillis(integer(s, "outcomeP99Ms", where + ": slo", -1, 1, 600_000));
            if (!load.has("steps")) {
                throw new ScenarioException(where + ": slo needs load.steps (a saturation run steps the rate)");
            }
        }
        return new Scenario(name, title, description, lookFor, phases, quickPhases, inQuick, clientRetries,
                Duration.ofSeconds(requestTimeout), skuCount, stock, faults, quickFaults, appliesTo, slo);
    }

    private static Fault fault(JsonNode f, String where, Duration loadDuration) {
        if (!f.isObject()) {
            throw new ScenarioException(where + ": expected a mapping with action, at, for");
        }
        onlyFields(f, FAULT_FIELDS, where);
        Fault.Action action = Fault.Action.parse(text(f, "action", where, true), where + ".action");
        int at = integer(f, "at", where, -1, 0, 3600);
        int lasting = integer(f, "for", where, -1, 1, 3600);
        if (at + lasting > loadDuration.toSeconds()) {
            throw new ScenarioException(where + ": at + for = " + (at + lasting) + " s ends after the load ("
                    + loadDuration.toSeconds() + " s); the report needs time after the fault to show recovery");
        }
        String target = null;
        Map<String, Object> settings = new LinkedHashMap<>();
        switch (action) {
            case PSP, MAIL -> {
                for (String key : PROVIDER_SETTINGS) {
                    if (f.has(key)) {
                        JsonNode v = f.get(key);
                        if (key.equals("down")) {
                            settings.put(key, bool(f, key, where));
                        } else if (key.endsWith("Rate")) {
                            double rate = number(f, key, where);
                            if (rate < 0 || rate > 1) {
                                throw new ScenarioException(where + "." + key + ": a share between 0 and 1, not " + v);
                            }
                            settings.put(key, rate);
                        } else {
                            settings.put(key, integer(f, key, where, 0, 0, 600_000));
                        }
                    }
                }
                if (settings.isEmpty()) {
                    throw new ScenarioException(where + ": a " + action.yamlName() + " fault needs at least one of "
                            + String.join(", ", PROVIDER_SETTINGS));
                }
            }
            case KILL -> {
                target = text(f, "target", where, true);
                if (!KILL_TARGETS.contains(target)) {
                    throw new ScenarioException(where + ".target: unknown context '" + target + "'; use one of "
                            + String.join(", ", KILL_TARGETS));
                }
            }
            default -> {
            }
        }
        return new Fault(action, Duration.ofSeconds(at), Duration.ofSeconds(lasting), target, settings);
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new ScenarioException(where + ": unknown field '" + field + "'; expected one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ScenarioException(where + ": missing field '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ScenarioException(where + "." + field + ": expected text, not " + v);
        }
        return v.asText().trim();
    }

    private static JsonNode object(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new ScenarioException(where + ": '" + field + "' must be a mapping" + (v == null ? " (missing)" : ""));
        }
        return v;
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new ScenarioException(where + ": '" + field + "' must be a list");
        }
        return v;
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new ScenarioException(where + "." + field + ": expected a number" + (v == null ? " (missing)"
                    : ", not " + v));
        }
        if (!field.endsWith("Rate") && v.asDouble() <= 0) {
            throw new ScenarioException(where + "." + field + ": must be > 0, not " + v);
        }
        return v.asDouble();
    }

    private static int integer(JsonNode node, String field, String where, int dflt, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (dflt == -1) {
                throw new ScenarioException(where + ": missing field '" + field + "'");
            }
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new ScenarioException(where + "." + field + ": expected a whole number from " + min + " to " + max
                    + ", not " + v);
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw new ScenarioException(where + "." + field + ": expected true or false, not " + v);
        }
        return v.asBoolean();
    }
}
