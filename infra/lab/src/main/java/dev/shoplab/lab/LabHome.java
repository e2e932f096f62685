package dev.shoplab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the shoplab checkout lives and where the lab keeps its state (pid files, run folders). */
public record LabHome(Path root, Path stateDir) {

    /**
     * Finds the checkout: the {@code shoplab.home} system property or {@code SHOPLAB_HOME}, else the
     * nearest folder above the working directory that holds both {@code mvnw} and {@code shoplab}.
     * The state folder is {@code <root>/.shoplab} unless {@code shoplab.state-dir} names another.
     */
    public static LabHome locate() {
        Path root = firstNonBlank(System.getProperty("shoplab.home"), System.getenv("SHOPLAB_HOME"))
                .map(Path::of)
                .orElseGet(LabHome::searchUpwards)
                .toAbsolutePath()
                .normalize();
        Path state = firstNonBlank(System.getProperty("shoplab.state-dir"), System.getenv("SHOPLAB_STATE_DIR"))
                .map(Path::of)
                .orElse(root.resolve(".shoplab"))
                .toAbsolutePath()
                .normalize();
        return new LabHome(root, state);
    }

    /** The folder that holds one pid file per process a lab run owns. */
    public Path pidDir() {
        return stateDir.resolve("pids");
    }

    /** The folder under which each run gets a folder of its own for logs and data. */
    public Path runsDir() {
        return stateDir.resolve("runs");
    }

    /** A path inside the checkout, for built artifacts such as a module's runnable jar. */
    public Path artifact(String relative) {
        return root.resolve(relative);
    }

    private static Path searchUpwards() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isRegularFile(d.resolve("shoplab"))) {
                return d;
            }
        }
        throw new IllegalStateException("Cannot find the shoplab checkout above " + dir
                + ": run from inside it, or set SHOPLAB_HOME to its folder.");
    }

    private static Optional<String> firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
