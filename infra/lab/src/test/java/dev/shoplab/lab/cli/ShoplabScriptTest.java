package dev.shoplab.lab.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shoplab.lab.LabHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./shoplab} script's staleness check, run by bash on a small checkout: what ./mvnw built counts (README's
 * {@code ./mvnw verify} then {@code ./shoplab bench} must not build everything again), a change nothing built since
 * does not, every file a module builds from counts, a checkout copied from another folder builds its own code (issue
 * 12, kind 7 a and i), what lab commands write into the checkout is no source, and two commands on a stale checkout
 * build it once.
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
    void every_file_a_module_builds_from_counts() throws Exception {
        // what a module packages besides code: the demo page's script and style, logging, service registrations
        for (String resource : List.of("orders/src/main/resources/demo/demo.js", "orders/src/main/resources/demo/demo.css",
                "orders/src/main/resources/logback.xml", "orders/src/main/resources/META-INF/services/a.Contribution")) {
            Path file = write(resource, "changed", 10);
            assertTrue(stale(), resource + " changed after the last build");
            at(file, -10);
        }
        assertFalse(stale(), lastErrors);
        // an editor's swap and backup files beside a source are none
        write("orders/src/main/java/.Order.java.swp", "", 10);
        write("orders/src/main/java/Order.java~", "", 10);
        assertFalse(stale(), "an editor's files: " + lastErrors);
    }

    @Test
    void a_checkout_copied_from_another_folder_builds_its_own_code() throws Exception {
        write("load-tests/target/shoplab.classpath", "/somewhere/else/orders/target/classes", 0);

        assertTrue(stale());
        assertTrue(lastErrors.contains("built in another folder"), lastErrors);
    }

    @Test
    void what_lab_commands_write_into_the_checkout_is_no_source(@TempDir Path otherStateDir) throws Exception {
        // a Kafka broker's settings, written by a command using the checkout's own state folder while this command
        // uses another one (a demo's): neither the checkout's .shoplab/ nor the state folder holds sources
        write(".shoplab/runs/20261207-003945-test-kafka-broker/kafka/server.properties", "node.id=1", 10);
        write(".shoplab/control/4242.json", "{}", 10);

        assertFalse(stale(otherStateDir), lastErrors);
        assertFalse(stale(), lastErrors);
    }

    @Test
    void two_commands_on_a_stale_checkout_build_it_once(@TempDir Path otherStateDir) throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v flock").start().waitFor() == 0,
                "flock (util-linux) is what serializes builds; without it ./shoplab builds unguarded");
        // a stand-in for ./mvnw that records each build, writes a module's output at once (a real build has some
        // modules done within seconds and goes on for minutes: the second command must not take that for a fresh
        // build), holds the build open until the test lets it end (at most 10 min), and writes the output again
        Path builds = checkout.resolve("builds.txt");
        Path finish = checkout.resolve("finish");
        Path mvnw = write("mvnw", "#!/usr/bin/env bash\n"
                + "touch '" + output + "'\n"
                + "echo \"build $$\" >> '" + builds + "'\n"
                + "for _ in $(seq 6000); do [[ -e '" + finish + "' ]] && break; sleep 0.1; done\n"
                + "touch '" + output + "'\n", 0);
        assertTrue(mvnw.toFile().setExecutable(true));
        at(source, 10);

        Path firstErrors = checkout.resolve("first.err");
        Path secondErrors = checkout.resolve("second.err");
        Process first = buildIfStale(null, firstErrors);
        Process second = null;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(builds));
            second = buildIfStale(otherStateDir, secondErrors);
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(secondErrors)
                    && Files.readString(secondErrors).contains("another build of this checkout is running"));
            Files.writeString(finish, "");

            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first ended within 60 s");
            assertEquals(0, first.exitValue(), Files.readString(firstErrors));
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second ended within 60 s");
            assertEquals(0, second.exitValue(), Files.readString(secondErrors));
            assertEquals(1, Files.readAllLines(builds).size(), "one build: " + Files.readAllLines(builds));
            assertFalse(Files.readString(secondErrors).contains("building the lab"), Files.readString(secondErrors));
        } finally {
            Files.writeString(finish, "");
            first.destroy();
            if (second != null) {
                second.destroy();
            }
        }
    }

    /** {@code ./shoplab}'s build step alone, its standard error into {@code errors}; default state folder if null. */
    private Process buildIfStale(Path stateDir, Path errors) throws IOException {
        return script("build_if_stale", stateDir)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile())
                .start();
    }

    /** Bash running one function of the copied {@code ./shoplab}, its state in {@code stateDir} (default if null). */
    private ProcessBuilder script(String function, Path stateDir) {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", "source \"$1\" && " + function, function,
                checkout.resolve("shoplab").toString())
                .directory(checkout.toFile());
        if (stateDir == null) {
            bash.environment().remove("SHOPLAB_STATE_DIR");
        } else {
            bash.environment().put("SHOPLAB_STATE_DIR", stateDir.toString());
        }
        return bash;
    }

    /** Whether {@code ./shoplab} would build first, as its own staleness check says, with no stamp of its own. */
    private boolean stale() throws IOException, InterruptedException {
        return stale(null);
    }

    /** As {@link #stale()}, with {@code ./shoplab}'s state in {@code stateDir} (the checkout's .shoplab if null). */
    private boolean stale(Path stateDir) throws IOException, InterruptedException {
        Path state = stateDir == null ? checkout.resolve(".shoplab") : stateDir;
        Files.deleteIfExists(state.resolve("build.stamp"));
        Process check = script("stale", stateDir).start();
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
