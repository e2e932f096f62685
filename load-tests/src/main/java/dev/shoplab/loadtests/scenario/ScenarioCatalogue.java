package dev.shoplab.loadtests.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.shoplab.loadtests.simulation.LoadSettings.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads and validates the scenario catalogue: one YAML file per scenario in {@code load-tests/scenarios}, checked
 * against the JSON Schema {@code shoplab/scenario.schema.json} (networknt json-schema-validator) and bound to
 * {@link ScenarioFile}. A bad file gets an error that names the file and the field, and says what is expected.
 */
public final class ScenarioCatalogue {

    /** The architectures a scenario may name in {@code appliesTo}. */
    public static final List<String> ARCHITECTURES = List.of("monolith", "distributed-monolith", "event-driven");

    /** The catalogue's order in reports: the order of docs/DESIGN.md. */
    public static final List<String> ORDER = List.of("baseline", "psp-slow", "psp-flaky", "psp-outage",
            "service-crash", "retry-storm", "mesh-retry-storm", "db-restart", "broker-restart", "saturation");

    /** The settings a {@code psp} or {@code mail} fault may carry: the simulators' fault-control body. */
    private static final List<String> PROVIDER_SETTINGS = List.of("latencyMs", "jitterMs", "errorRate",
            "timeoutRate", "down");
    /** The settings a {@code mesh} fault may carry. */
    private static final List<String> MESH_SETTINGS = List.of("attempts", "perTryTimeout", "outlierDetection");
    /**
     * How long a fault applied live lasts when it does not say: a speaker who forgets one must not leave a broken
     * system (docs/control-api.md).
     */
    public static final Duration LIVE_FAULT_DEFAULT = Duration.ofMinutes(5);
    /**
     * How long a live crash or server restart lasts when it does not say: a service killed is started again after
     * 15 s, PostgreSQL or Kafka after 10 s — the defaults of {@code ./shoplab fault kill} and {@code db-restart}, so
     * a script of the API and the verbs show the same fault; five minutes of a killed service would be an outage.
     */
    private static final Map<String, Duration> LIVE_DOWN_DEFAULT = Map.of("kill", Duration.ofSeconds(15),
            "restart-database", Duration.ofSeconds(10), "restart-broker", Duration.ofSeconds(10));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The shape of a scenario file; the same file an editor can use for completion. */
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("classpath:shoplab/scenario.schema.json"));
    /** One fault of that schema, as the control API takes it. */
    private static final JsonSchema FAULT_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("classpath:shoplab/scenario.schema.json#/$defs/fault"));

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

    /**
     * Reads one scenario file: YAML, then {@code shoplab/scenario.schema.json}, then the rules a schema cannot say.
     *
     * @throws ScenarioException naming the file and the field when the file is not valid
     */
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
        validate(SCHEMA, root, where, false);
        ScenarioFile file;
        try {
            file = YAML.treeToValue(root, ScenarioFile.class);
        } catch (IOException e) {
            throw new ScenarioException(where + ": " + e.getMessage(), e);
        }
        return scenario(name, where, file);
    }

    /**
     * A fault to apply at once, in the vocabulary of a scenario file's faults (the control API's
     * {@code POST /api/lab/faults}, docs/control-api.md): {@code {"action":"psp","down":true,"for":20}}. Without
     * {@code for} it lasts {@link #LIVE_FAULT_DEFAULT}; a {@code kill} 15 s and a {@code restart-database} or
     * {@code restart-broker} 10 s ({@link #LIVE_DOWN_DEFAULT}).
     *
     * @throws ScenarioException naming the field when the fault is not valid
     */
    public static Fault liveFault(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ScenarioException("fault: expected a JSON object such as {\"action\":\"psp\",\"down\":true,\"for\":20}");
        }
        validate(FAULT_SCHEMA, body, "fault", true);
        ScenarioFile.FaultEntry entry;
        try {
            entry = YAML.treeToValue(body, ScenarioFile.FaultEntry.class);
        } catch (IOException e) {
            throw new ScenarioException("fault: " + e.getMessage(), e);
        }
        if (entry.at() != null && entry.at() != 0) {
            throw new ScenarioException("fault.at: a fault applied live starts at once; leave at out (for says how long"
                    + " it lasts)");
        }
        int lasting = entry.lasting() != null ? entry.lasting()
                : (int) LIVE_DOWN_DEFAULT.getOrDefault(entry.action(), LIVE_FAULT_DEFAULT).toSeconds();
        return fault(new ScenarioFile.FaultEntry(entry.action(), 0, lasting, entry.target(), entry.latencyMs(),
                entry.jitterMs(), entry.errorRate(), entry.timeoutRate(), entry.down(), entry.attempts(),
                entry.perTryTimeout(), entry.outlierDetection()), "fault", null);
    }

    /**
     * Checks {@code node} against {@code schema}. An error names {@code where} and the field: {@code file: load.rate: …}
     * for a file, {@code fault.errorRate: …} for a fault ({@code dotted}).
     */
    private static void validate(JsonSchema schema, JsonNode node, String where, boolean dotted) {
        List<ValidationMessage> problems = schema.validate(node).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getError))
                .toList();
        if (!problems.isEmpty()) {
            ValidationMessage first = problems.get(0);
            String field = field(first);
            throw new ScenarioException(where + (field.isEmpty() ? ": " : dotted ? "." + field + ": " : ": " + field + ": ")
                    + error(first) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
    }

    /** Where a problem is: {@code faults[0].action}, or "" for the whole document. */
    private static String field(ValidationMessage problem) {
        return problem.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
    }

    /** What is wrong, in words: {@code missing field 'title'}, {@code must be one of [psp, mail, …]}. */
    private static String error(ValidationMessage problem) {
        return switch (problem.getType()) {
            case "required" -> "missing field '" + problem.getProperty() + "'";
            case "additionalProperties" -> "unknown field '" + problem.getProperty() + "'";
            case "enum" -> problem.getError().replace("does not have a value in the enumeration", "must be one of");
            default -> problem.getError();
        };
    }

    private static Scenario scenario(String name, String where, ScenarioFile f) {
        ScenarioFile.Load load = f.load();
        ScenarioFile.Quick quick = f.quick() == null ? new ScenarioFile.Quick(null, null, null, null) : f.quick();
        String lw = where + ": load";
        List<Phase> phases;
        List<Phase> quickPhases;
        if (load.steps() != null) {
            if (load.rate() != null || load.duration() != null) {
                throw new ScenarioException(lw + ": give either rate and duration, or steps and stepSeconds");
            }
            int stepSeconds = orElse(load.stepSeconds(), 15);
            int quickStep = orElse(quick.stepSeconds(), Math.max(3, stepSeconds / 3));
            phases = load.steps().stream().map(r -> new Phase(r, Duration.ofSeconds(stepSeconds))).toList();
            quickPhases = load.steps().stream().map(r -> new Phase(r, Duration.ofSeconds(quickStep))).toList();
        } else {
            if (load.rate() == null || load.duration() == null) {
                throw new ScenarioException(lw + ": missing field '" + (load.rate() == null ? "rate" : "duration")
                        + "' (give rate and duration, or steps and stepSeconds)");
            }
            int quickDuration = orElse(quick.duration(), Math.max(5, load.duration() / 4));
            phases = List.of(new Phase(load.rate(), Duration.ofSeconds(load.duration())));
            quickPhases = List.of(new Phase(load.rate(), Duration.ofSeconds(quickDuration)));
        }
        if (f.slo() != null && load.steps() == null) {
            throw new ScenarioException(where + ": slo needs load.steps (a saturation run steps the rate)");
        }

        Duration full = phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
        Duration quickTotal = quickPhases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
        List<Fault> faults = new ArrayList<>();
        List<ScenarioFile.FaultEntry> entries = f.faults() == null ? List.of() : f.faults();
        for (int i = 0; i < entries.size(); i++) {
            faults.add(fault(entries.get(i), where + ": faults[" + i + "]", full));
        }
        double factor = (double) quickTotal.toMillis() / full.toMillis();
        List<Fault> quickFaults = faults.stream().map(fault -> new Fault(fault.action(),
                Duration.ofSeconds(Math.round(fault.at().toSeconds() * factor)),
                Duration.ofSeconds(Math.max(2, Math.round(fault.lasting().toSeconds() * factor))), fault.target(),
                fault.settings())).toList();

        Set<String> appliesTo = f.appliesTo() == null ? new LinkedHashSet<>(ARCHITECTURES)
                : new LinkedHashSet<>(f.appliesTo());
        Set<String> quickAppliesTo = appliesTo;
        if (quick.appliesTo() != null) {
            quickAppliesTo = new LinkedHashSet<>(quick.appliesTo());
            for (String a : quickAppliesTo) {
                if (!appliesTo.contains(a)) {
                    throw new ScenarioException(where + ": quick.appliesTo: " + a + " is not in appliesTo "
                            + appliesTo + "; a quick run is a subset of the full one");
                }
            }
        }
        List<String> chain = List.of();
        List<MeshVariant> variants = List.of();
        if (f.mesh() != null) {
            chain = f.mesh().chain() == null ? List.of() : List.copyOf(f.mesh().chain());
            variants = meshVariants(f.mesh(), where);
        }
        return new Scenario(name, f.title().trim(), f.description().trim(), f.lookFor().trim(), phases, quickPhases,
                quick.include() == null || quick.include(), orElse(load.clientRetries(), 0),
                Duration.ofSeconds(orElse(load.requestTimeoutSeconds(), 10)), orElse(load.skuCount(), 999),
                f.stock() == null ? Map.of() : new LinkedHashMap<>(f.stock()), faults, quickFaults,
                appliesTo, quickAppliesTo, f.slo() == null ? null : Duration.ofMillis(f.slo().outcomeP99Ms()),
                f.slo() == null ? 0 : orElse(f.slo().stopAfterBrokenSteps(), 0), chain, variants);
    }

    private static List<MeshVariant> meshVariants(ScenarioFile.Mesh mesh, String where) {
        List<MeshVariant> variants = new ArrayList<>();
        List<ScenarioFile.Mesh.Variant> entries = mesh.variants() == null ? List.of() : mesh.variants();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ScenarioFile.Mesh.Variant v = entries.get(i);
            String at = where + ": mesh.variants[" + i + "]";
            if (!names.add(v.name())) {
                throw new ScenarioException(at + ".name: '" + v.name() + "' is used twice; each variant needs its own");
            }
            if (v.outlierDetection() == null && v.consecutive5xxErrors() == null) {
                throw new ScenarioException(at + ": a variant changes something: give outlierDetection: false or "
                        + "consecutive5xxErrors");
            }
            if (Boolean.TRUE.equals(v.outlierDetection())) {
                throw new ScenarioException(at + ".outlierDetection: true is the shipped policy, which always runs; "
                        + "write false to switch it off");
            }
            if (Boolean.FALSE.equals(v.outlierDetection()) && v.consecutive5xxErrors() != null) {
                throw new ScenarioException(at + ": outlierDetection: false and consecutive5xxErrors contradict each "
                        + "other; give one");
            }
            variants.add(new MeshVariant(v.name(), v.description().trim(), v.outlierDetection(),
                    v.consecutive5xxErrors()));
        }
        return List.copyOf(variants);
    }

    /** One fault entry, checked; {@code loadDuration} is null for a fault applied live (no load to end within). */
    private static Fault fault(ScenarioFile.FaultEntry f, String where, Duration loadDuration) {
        Fault.Action action = Fault.Action.parse(f.action(), where + ".action");
        if (loadDuration != null && f.at() + f.lasting() > loadDuration.toSeconds()) {
            throw new ScenarioException(where + ": at + for = " + (f.at() + f.lasting()) + " s ends after the load ("
                    + loadDuration.toSeconds() + " s); the report needs time after the fault to show recovery");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (action == Fault.Action.PSP || action == Fault.Action.MAIL) {
            putIfGiven(settings, "latencyMs", f.latencyMs());
            putIfGiven(settings, "jitterMs", f.jitterMs());
            putIfGiven(settings, "errorRate", f.errorRate());
            putIfGiven(settings, "timeoutRate", f.timeoutRate());
            putIfGiven(settings, "down", f.down());
            if (settings.isEmpty()) {
                throw new ScenarioException(where + ": a " + action.yamlName() + " fault needs at least one of "
                        + String.join(", ", PROVIDER_SETTINGS));
            }
            if (f.errorRate() != null && f.timeoutRate() != null && f.errorRate() + f.timeoutRate() > 1) {
                // the simulators' own rule (FaultSettings): both shares are drawn from the same requests
                throw new ScenarioException(where + ".errorRate + timeoutRate: " + f.errorRate() + " + "
                        + f.timeoutRate() + " is more than 1; they are shares of the same requests (a 503, or no "
                        + "answer), so together at most 1");
            }
        } else if (action == Fault.Action.MESH) {
            putIfGiven(settings, "attempts", f.attempts());
            putIfGiven(settings, "perTryTimeout", f.perTryTimeout());
            if (f.perTryTimeout() != null && f.perTryTimeout().matches("0+(ms|s|m)")) {
                // Istio takes a duration of at least 1 ms, and so does the mesh (VirtualServiceParser)
                throw new ScenarioException(where + ".perTryTimeout: " + f.perTryTimeout() + " is no timeout; give "
                        + "at least 1ms, as Istio writes it: 500ms, 5s");
            }
            putIfGiven(settings, "outlierDetection", f.outlierDetection());
        }
        onlyWith(where, action, Fault.Action.KILL, "target", f.target());
        for (String provider : PROVIDER_SETTINGS) {
            if (action != Fault.Action.PSP && action != Fault.Action.MAIL) {
                onlyWith(where, action, Fault.Action.PSP, provider, providerSetting(f, provider));
            }
        }
        onlyWith(where, action, Fault.Action.MESH, "attempts", f.attempts());
        onlyWith(where, action, Fault.Action.MESH, "perTryTimeout", f.perTryTimeout());
        onlyWith(where, action, Fault.Action.MESH, "outlierDetection", f.outlierDetection());
        return new Fault(action, Duration.ofSeconds(f.at()), Duration.ofSeconds(f.lasting()),
                action == Fault.Action.KILL ? f.target() : null, settings);
    }

    /** A field that belongs to another action is a mistake worth naming, not something to ignore. */
    private static void onlyWith(String where, Fault.Action action, Fault.Action owner, String field, Object value) {
        if (value != null && action != owner) {
            String owners = owner == Fault.Action.PSP ? "psp and mail faults" : owner.yamlName() + " faults";
            throw new ScenarioException(where + "." + field + ": belongs to " + owners + ", not to a "
                    + action.yamlName() + " fault");
        }
    }

    private static Object providerSetting(ScenarioFile.FaultEntry f, String name) {
        return switch (name) {
            case "latencyMs" -> f.latencyMs();
            case "jitterMs" -> f.jitterMs();
            case "errorRate" -> f.errorRate();
            case "timeoutRate" -> f.timeoutRate();
            default -> f.down();
        };
    }

    private static void putIfGiven(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    private static int orElse(Integer value, int dflt) {
        return value == null ? dflt : value;
    }
}
