package dev.shoplab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./shoplab} script's staleness check, run by bash on a small checkout: what ./mvnw built counts (README's
 * {@code ./mvnw verify} then {@code ./shoplab bench} must not build everything again), a change nothing built since
 * does not, and a checkout copied from another folder builds its own code (issue 12, kind 7 a and i).
 */
class ShoplabScriptTest {

    /** When the checkout was last built; every file gets a time relative to it. */
    private static final Instant BUILT = Instant.now().minus(2, ChronoUnit.HOURS);

    @TempDir
    Path checkout;

    private Path source;
    private Path output;
    /** What the last check wrote to its standard error. */
    private String lastErrors = "";

    @BeforeEach
    void aBuiltCheckout() throws IOException {
        Files.copy(LabHome.locate().root().resolve("shoplab"), checkout.resolve("shoplab"));
        source = write("orders/src/main/java/Order.java", "class Order {}", -10);
        output = write("orders/target/classes/Order.class", "", 0);
        write("pom.xml", "<project/>", -10);
        write("orders/pom.xml", "<project/>", -10);
        write("load-tests/pom.xml", "<project/>", -10);
        write("load-tests/target/shoplab.classpath", checkout.resolve("orders/target/classes") + ":"
                + checkout.resolve("load-tests/target/classes"), 0);
    }

    @Test
    void a_checkout_built_after_its_last_change_is_not_built_again() throws Exception {
        assertFalse(stale());
    }

    @Test
    void a_change_counts_until_a_build_of_its_module_is_newer() throws Exception {
        at(source, 10);
        assertTrue(stale(), "a source changed after the last build");

        at(output, 20);
        assertFalse(stale(), "./mvnw built the module since: that build counts");
    }

    @Test
    void a_change_of_an_aggregator_pom_counts_until_a_build_of_its_modules_is_newer() throws Exception {
        // the root pom has no target/ of its own (packaging pom): what ./mvnw built of its modules since counts
        at(checkout.resolve("pom.xml"), 30);
        assertTrue(stale(), "the root pom changed after the last build");

        at(output, 40);
        assertFalse(stale(), "./mvnw built the modules since: that build counts");
    }

    @Test
    void a_checkout_copied_from_another_folder_builds_its_own_code() throws Exception {
        write("load-tests/target/shoplab.classpath", "/somewhere/else/orders/target/classes", 0);

        assertTrue(stale());
        assertTrue(lastErrors.contains("built in another folder"), lastErrors);
    }

    /** Whether {@code ./shoplab} would build first, as its own staleness check says, with no stamp of its own. */
    private boolean stale() throws IOException, InterruptedException {
        Files.deleteIfExists(checkout.resolve(".shoplab/build.stamp"));
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", "source \"$1\" && stale", "staleness-check",
                checkout.resolve("shoplab").toString())
                .directory(checkout.toFile());
        bash.environment().remove("SHOPLAB_STATE_DIR");
        Process check = bash.start();
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "the staleness check ended within 60 s");
        lastErrors = new String(check.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = check.exitValue();
        assertTrue(code == 0 || code == 1, "stale answers 0 (stale) or 1 (up to date), not " + code + ": " + lastErrors);
        return code == 0;
    }

    private Path write(String file, String text, int minutesAfterTheBuild) throws IOException {
        Path path = checkout.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        return at(path, minutesAfterTheBuild);
    }

    private static Path at(Path file, int minutesAfterTheBuild) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(BUILT.plus(minutesAfterTheBuild, ChronoUnit.MINUTES)));
        return file;
    }
}
