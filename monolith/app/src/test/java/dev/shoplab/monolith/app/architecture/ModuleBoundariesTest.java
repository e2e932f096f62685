package dev.shoplab.monolith.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walls between the monolith's bounded contexts (besides the shape that MonolithArchitectureRulesTest checks),
 * checked on the compiled classes (ArchUnit) and
 * on the SQL each context ships; the last test draws the module diagram from the real dependencies
 * into docs/architecture/monolith-modules.md.
 */
class ModuleBoundariesTest {

    static final String ROOT = "dev.shoplab.monolith";
    static final List<String> CONTEXTS = List.of("order", "inventory", "payment", "notification");
    /** The schema each context owns (the SCHEMA constant of its api). */
    static final Map<String, String> SCHEMAS = Map.of("order", "orders", "inventory", "inventory", "payment", "payment",
            "notification", "notification");
    static final List<String> FRAMEWORKS = List.of("jakarta..", "javax..", "io.quarkus..", "org.hibernate..",
            "io.vertx..", "com.fasterxml..", "org.eclipse.microprofile..", "io.smallrye..", "org.flywaydb..",
            "io.micrometer..", "org.jboss..", "io.netty..");

    static JavaClasses monolith;

    @BeforeAll
    static void importTheCompiledMonolith() {
        monolith = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        assertThat(monolith.stream().map(ModuleBoundariesTest::moduleOf).distinct())
                .as("every module is on the class path").contains("app", "order", "inventory", "payment", "notification");
    }

    @Test
    void contexts_should_use_each_other_only_through_their_api() {
        for (String context : CONTEXTS) {
            noClasses().that().resideOutsideOfPackage(ROOT + "." + context + "..")
                    .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(ROOT + "." + context + "..")
                            .and(JavaClass.Predicates.resideOutsideOfPackage(ROOT + "." + context + ".api..")))
                    .because("the insides of " + context + " are hidden; others use " + ROOT + "." + context + ".api")
                    .check(monolith);
        }
    }

    @Test
    void contexts_should_not_depend_on_the_app() {
        noClasses().that().resideInAnyPackage(CONTEXTS.stream().map(c -> ROOT + "." + c + "..").toArray(String[]::new))
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".app..")
                .because("the app wires the contexts, never the other way round")
                .check(monolith);
    }

    @Test
    void apis_should_be_plain_java() {
        noClasses().that().resideInAPackage(ROOT + ".*.api..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS.toArray(String[]::new))
                .because("a context's api is records, enums, interfaces and exceptions that any caller can use")
                .check(monolith);
    }

    @Test
    void entities_should_map_only_to_the_schema_of_their_context() {
        for (String context : CONTEXTS) {
            classes().that().resideInAPackage(ROOT + "." + context + "..").and().areAnnotatedWith(Entity.class)
                    .should(mapOnlyTo(SCHEMAS.get(context)))
                    .check(monolith);
        }
    }

    @Test
    void inventory_should_not_touch_order_tables() {
        assertThat(foreignTablesTouchedBy("inventory").get("order")).as("order tables in inventory's SQL").isEmpty();
    }

    @Test
    void no_context_should_touch_another_contexts_tables() {
        for (String context : CONTEXTS) {
            Map<String, Set<String>> touched = foreignTablesTouchedBy(context);
            touched.forEach((owner, tables) -> assertThat(tables)
                    .as("tables of %s named in the SQL and JPQL of %s", owner, context).isEmpty());
        }
    }

    @Test
    void module_diagram_is_drawn_from_the_real_dependencies() throws IOException {
        Map<String, Set<String>> edges = moduleDependencies();

        assertThat(edges.get("order")).as("order orchestrates through the other contexts' apis")
                .containsExactlyInAnyOrder("inventory", "payment", "notification");
        for (String leaf : List.of("inventory", "payment", "notification")) {
            assertThat(edges.get(leaf)).as("%s depends on no other context", leaf).isEmpty();
        }
        assertThat(edges.getOrDefault("app", Set.of())).as("the app wires the contexts by configuration; its code calls none")
                .isEmpty();

        Path doc = home().resolve("docs/architecture/monolith-modules.md");
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, ModuleDiagram.markdown(edges, SCHEMAS, tablesBySchema(), apiTypes()));
        assertThat(doc).content().contains("```mermaid");
    }

    // ---- dependencies between modules ----

    static String moduleOf(JavaClass type) {
        String rest = type.getPackageName().substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static Map<String, Set<String>> moduleDependencies() {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (JavaClass type : monolith) {
            String from = moduleOf(type);
            Set<String> targets = edges.computeIfAbsent(from, k -> new TreeSet<>());
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                JavaClass target = dependency.getTargetClass();
                if (target.getPackageName().startsWith(ROOT + ".") && !moduleOf(target).equals(from)) {
                    targets.add(moduleOf(target));
                }
            });
        }
        return edges;
    }

    private static Map<String, List<String>> apiTypes() {
        Map<String, List<String>> types = new TreeMap<>();
        for (String context : CONTEXTS) {
            types.put(context, monolith.stream()
                    .filter(c -> c.getPackageName().equals(ROOT + "." + context + ".api") && c.isTopLevelClass())
                    .map(JavaClass::getSimpleName).sorted().toList());
        }
        return types;
    }

    // ---- tables ----

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create\\s+table\\s+(\\w+)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The tables each schema's migrations create. */
    static Map<String, Set<String>> tablesBySchema() {
        Map<String, Set<String>> tables = new TreeMap<>();
        for (String context : CONTEXTS) {
            String schema = SCHEMAS.get(context);
            Set<String> names = new TreeSet<>();
            for (String sql : files(contextDir(context).resolve("src/main/resources/db/" + schema), ".sql")) {
                Matcher m = CREATE_TABLE.matcher(sql);
                while (m.find()) {
                    names.add(m.group(1).toLowerCase());
                }
            }
            assertThat(names).as("tables created by the migrations of %s", context).isNotEmpty();
            tables.put(schema, names);
        }
        return tables;
    }

    /**
     * The tables (schema.table in SQL) and entities (names in JPQL) of other contexts that the SQL,
     * JPQL and migrations of {@code context} name, by owning context.
     */
    private static Map<String, Set<String>> foreignTablesTouchedBy(String context) {
        Map<String, Set<String>> tables = tablesBySchema();
        List<String> texts = new ArrayList<>(files(contextDir(context).resolve("src/main/resources"), ".sql"));
        for (String java : files(contextDir(context).resolve("src/main/java"), ".java")) {
            Matcher literal = STRING_LITERAL.matcher(java);
            while (literal.find()) {
                texts.add(literal.group(1));
            }
        }
        Map<String, Set<String>> touched = new TreeMap<>();
        for (String owner : CONTEXTS) {
            if (owner.equals(context)) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            String schema = SCHEMAS.get(owner);
            List<String> entities = monolith.stream()
                    .filter(c -> c.getPackageName().startsWith(ROOT + "." + owner + ".") && c.isAnnotatedWith(Entity.class))
                    .map(JavaClass::getSimpleName).toList();
            for (String text : texts) {
                for (String table : tables.get(schema)) {
                    if (Pattern.compile("(?i)\\b" + schema + "\\s*\\.\\s*\"?" + table + "\\b").matcher(text).find()) {
                        names.add(schema + "." + table);
                    }
                }
                for (String entity : entities) {
                    if (Pattern.compile("(?i)\\b(from|join|update|into)\\s+" + entity + "\\b").matcher(text).find()) {
                        names.add(entity + " (entity of " + owner + ")");
                    }
                }
            }
            touched.put(owner, names);
        }
        return touched;
    }

    private static ArchCondition<JavaClass> mapOnlyTo(String schema) {
        return new ArchCondition<>("map only to tables of schema " + schema) {
            @Override
            public void check(JavaClass entity, ConditionEvents events) {
                Table table = entity.reflect().getAnnotation(Table.class);
                boolean ok = table != null && schema.equals(table.schema());
                events.add(new SimpleConditionEvent(entity, ok, entity.getName() + " maps to schema "
                        + (table == null ? "(none: @Table is missing)" : "'" + table.schema() + "'")));
                entity.getAllFields().stream()
                        .filter(f -> f.isAnnotatedWith(CollectionTable.class))
                        .forEach(f -> {
                            CollectionTable collection = f.reflect().getAnnotation(CollectionTable.class);
                            events.add(new SimpleConditionEvent(entity, schema.equals(collection.schema()),
                                    f.getFullName() + " maps to schema '" + collection.schema() + "'"));
                        });
            }
        };
    }

    // ---- files ----

    static Path home() {
        String configured = System.getProperty("shoplab.home");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("monolith"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the checkout (a folder with monolith/) above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    private static Path contextDir(String context) {
        return home().resolve("monolith").resolve(context);
    }

    private static List<String> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.toString().endsWith(suffix)).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
