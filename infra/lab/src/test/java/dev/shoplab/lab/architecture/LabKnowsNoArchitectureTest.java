package dev.shoplab.lab.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lab knows no architecture: each architecture's {@code lab} module describes how it is started and how the
 * audit reads it, so adding a fourth touches no lab code. This test reads the sources: the lab's own code names
 * no table that any architecture's migrations create and no path into an architecture's folder.
 */
class LabKnowsNoArchitectureTest {

    private static final Path ROOT = LabHome.locate().root();
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(?:\\w+\\.)?(\\w+)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]|\\\\.)*\"");

    @Test
    void the_lab_names_no_table_of_any_architecture() throws IOException {
        Set<String> tables = migrationTables();
        assertTrue(tables.contains("orders") && tables.contains("stock_item"),
                "the migrations were found (orders, stock_item, …): " + tables);
        List<String> found = new ArrayList<>();
        for (Path source : labSources()) {
            String text = Files.readString(source);
            for (String table : tables) {
                // SQL that reads or writes a table: "from orders", "join inventory.stock", "update stock_item" …
                Matcher sql = Pattern.compile("(?i)\\b(from|join|into|update|table)\\s+(\\w+\\.)?" + table + "\\b")
                        .matcher(text);
                if (sql.find()) {
                    found.add(ROOT.relativize(source) + " names the table " + table + " (\"" + sql.group() + "\")");
                }
            }
        }
        assertEquals(List.of(), found, "the audit's SQL belongs in the architecture's lab module "
                + "(src/main/resources/shoplab/audit/<architecture>/), not in infra/lab");
    }

    @Test
    void the_lab_names_no_path_into_an_architecture() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path source : labSources()) {
            Matcher literal = STRING_LITERAL.matcher(Files.readString(source));
            while (literal.find()) {
                for (String folder : List.of("monolith/", "distributed-monolith/", "event-driven/")) {
                    if (literal.group().startsWith("\"" + folder)) {
                        found.add(ROOT.relativize(source) + ": " + literal.group());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "jars and files of an architecture are named by its lab module");
    }

    private static Set<String> migrationTables() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path sql : files.filter(p -> p.toString().endsWith(".sql"))
                    .filter(p -> p.toString().contains("/src/main/resources/db/"))
                    .filter(p -> !p.toString().contains("/target/")).toList()) {
                Matcher m = CREATE_TABLE.matcher(Files.readString(sql));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        return tables;
    }

    private static List<Path> labSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("infra/lab/src/main"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
