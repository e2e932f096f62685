package dev.shoplab.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one shape of the three architectures (docs/adr/0006-one-shape-for-three-architectures.md) as facts read
 * from the source tree: the architectures, their bounded contexts' packages, the file names of each context's
 * {@code domain} package, and the three copies of the web edge. Pure file reading; no class is loaded.
 */
public final class Shape {

    /** The bounded contexts, the same four in every architecture. */
    public static final List<String> CONTEXTS = List.of("order", "inventory", "payment", "notification");

    /** The packages every context may have (ADR 0006), besides its architecture's own one. */
    public static final List<String> TEMPLATE = List.of("web", "application", "domain", "persistence", "provider");

    /** The package where the three copies of the edge live, the same in all three (ADR 0006). */
    public static final String EDGE_PACKAGE = "dev.shoplab.edge";

    /**
     * One architecture: its folder (also its name on the command line), the segment of its Java packages
     * ({@code dev.shoplab.<segment>.<context>}), and the one package named for what it adds.
     */
    public enum Architecture {
        MONOLITH("monolith", "monolith", "api"),
        DISTRIBUTED_MONOLITH("distributed-monolith", "distributed", "client"),
        EVENT_DRIVEN("event-driven", "eventdriven", "events");

        private final String folder;
        private final String segment;
        private final String ownPackage;

        Architecture(String folder, String segment, String ownPackage) {
            this.folder = folder;
            this.segment = segment;
            this.ownPackage = ownPackage;
        }

        /** Its folder in the checkout and its name in reports: {@code monolith}, {@code distributed-monolith}, {@code event-driven}. */
        public String folder() {
            return folder;
        }

        /** The root of its Java packages, e.g. {@code dev.shoplab.distributed}. */
        public String rootPackage() {
            return "dev.shoplab." + segment;
        }

        /** The package named for what this architecture adds: {@code api}, {@code client} or {@code events}. */
        public String ownPackage() {
            return ownPackage;
        }

        /** The architecture with this folder name. */
        public static Architecture named(String folder) {
            return Stream.of(values()).filter(a -> a.folder.equals(folder)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no architecture '" + folder + "'; architectures: "
                            + Stream.of(values()).map(Architecture::folder).collect(Collectors.joining(", "))));
        }

        /** Every file name (without {@code .java}) directly in a {@code domain} package of this context, in any module. */
        Set<String> domainFiles(Path root, String context) {
            Set<String> names = new TreeSet<>();
            Path folderPath = root.resolve(folder);
            String domain = "src/main/java/dev/shoplab/" + segment + "/" + context + "/domain";
            if (!Files.isDirectory(folderPath)) {
                return names;
            }
            try (Stream<Path> modules = Files.list(folderPath)) {
                for (Path module : modules.filter(Files::isDirectory).toList()) {
                    Path dir = module.resolve(domain);
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> files = Files.list(dir)) {
                            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java"))
                                    .map(n -> n.substring(0, n.length() - ".java".length()))
                                    .filter(n -> !n.equals("package-info"))
                                    .forEach(names::add);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folderPath, e);
            }
            return names;
        }
    }

    private Shape() {
    }

    /**
     * How the domain packages differ from what ADR 0006 allows: one line per file that some architectures have
     * and others lack without a row of the ADR's table saying so (or with a row that names other
     * architectures), and one line per row of the table that no longer describes the code. Empty when the
     * domain packages have the same file names in the three but for the table.
     */
    public static List<String> unexplainedDomainDifferences(Path root, List<AllowedDifference> allowed) {
        List<String> problems = new ArrayList<>();
        Set<AllowedDifference> used = new LinkedHashSet<>();
        for (String context : CONTEXTS) {
            Map<String, Set<String>> holders = new TreeMap<>();
            for (Architecture architecture : Architecture.values()) {
                architecture.domainFiles(root, context).forEach(file ->
                        holders.computeIfAbsent(file, f -> new TreeSet<>()).add(architecture.folder()));
            }
            holders.forEach((file, in) -> {
                if (in.size() == Architecture.values().length) {
                    return;
                }
                AllowedDifference row = allowed.stream().filter(a -> a.context().equals(context) && a.file().equals(file))
                        .findFirst().orElse(null);
                if (row == null) {
                    problems.add(context + "/domain/" + file + ".java exists only in " + String.join(", ", in)
                            + ": give it the same name in all three, or add a row to ADR 0006's table saying why");
                } else if (!row.in().equals(in)) {
                    problems.add(context + "/domain/" + file + ".java exists in " + String.join(", ", in)
                            + " but ADR 0006's table says " + String.join(", ", row.in()));
                    used.add(row);
                } else {
                    used.add(row);
                }
            });
        }
        allowed.stream().filter(row -> !used.contains(row)).forEach(row -> problems.add("ADR 0006's table lists "
                + row.context() + "/domain/" + row.file() + ".java in " + String.join(", ", row.in())
                + ", but the code has it " + (row.in().size() == 3 ? "differently" : "in all three or in none")
                + ": update the table"));
        return problems;
    }

    /**
     * The files in which the three copies of the edge ({@code <architecture>/edge/src}) differ, as paths
     * relative to {@code edge/src} with what is wrong; empty when the three trees are identical.
     */
    public static List<String> edgeDrift(Path root) {
        Map<String, Map<String, byte[]>> trees = new TreeMap<>();
        for (Architecture architecture : Architecture.values()) {
            Path src = root.resolve(architecture.folder()).resolve("edge/src");
            if (!Files.isDirectory(src)) {
                return List.of(root.relativize(src) + " is missing: every architecture has its copy of the edge");
            }
            trees.put(architecture.folder(), filesUnder(src));
        }
        Set<String> paths = new TreeSet<>();
        trees.values().forEach(tree -> paths.addAll(tree.keySet()));
        List<String> drift = new ArrayList<>();
        for (String path : paths) {
            List<String> missing = trees.entrySet().stream().filter(e -> !e.getValue().containsKey(path))
                    .map(Map.Entry::getKey).toList();
            if (!missing.isEmpty()) {
                drift.add(path + " is missing in " + String.join(", ", missing) + "/edge/src");
                continue;
            }
            List<byte[]> contents = trees.values().stream().map(tree -> tree.get(path)).toList();
            if (contents.stream().anyMatch(c -> !Arrays.equals(c, contents.get(0)))) {
                drift.add(path + " differs between " + String.join(", ", trees.keySet())
                        + " (diff the three edge/src folders)");
            }
        }
        return drift;
    }

    private static Map<String, byte[]> filesUnder(Path src) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(src.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src, e);
        }
        return files;
    }
}
