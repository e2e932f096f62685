package dev.shoplab.lab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first JVM of a jar build records an archive, the next ones map it, a rebuilt jar gets a new one and the old
 * one goes; the system property switches it off. (That the JVM records and maps archives is the JDK's; the bench
 * measures what it saves.)
 */
class ClassDataSharingTest {

    @TempDir
    Path dir;

    @BeforeEach
    void asTheBenchDoes() {
        System.setProperty(ClassDataSharing.RECORD_PROPERTY, "true");
    }

    @AfterEach
    void forgetIt() {
        System.clearProperty(ClassDataSharing.RECORD_PROPERTY);
    }

    private Path quarkusApp() throws Exception {
        return quarkusApp("order-service");
    }

    private Path quarkusApp(String module) throws Exception {
        Path app = Files.createDirectories(dir.resolve(module + "/target/quarkus-app/lib/main"));
        Files.writeString(app.resolve("a.jar"), "a");
        Path jar = app.getParent().getParent().resolve("quarkus-run.jar");
        Files.writeString(jar, "runner");
        return jar;
    }

    @Test
    void the_first_jvm_records_the_archive_and_the_next_ones_map_it() throws Exception {
        LabHome home = new LabHome(dir, dir.resolve(".shoplab"));
        Path jar = quarkusApp();
        ClassDataSharing.Flags first = ClassDataSharing.flags(home, "order-service", jar);
        assertTrue(first.recording());
        String archive = first.flags().get(0).substring("-XX:ArchiveClassesAtExit=".length());
        assertTrue(first.flags().get(0).startsWith("-XX:ArchiveClassesAtExit="), first.flags().toString());
        assertEquals(ClassDataSharing.RECORDING_GRACE, first.grace(Duration.ofSeconds(15)),
                "writing the archive at exit takes time: the stop waits for it");

        Files.writeString(Path.of(archive), "an archive the JVM wrote");
        ClassDataSharing.Flags next = ClassDataSharing.flags(home, "order-service", jar);
        assertFalse(next.recording());
        assertEquals("-XX:SharedArchiveFile=" + archive, next.flags().get(0));
        assertEquals(Duration.ofSeconds(15), next.grace(Duration.ofSeconds(15)));
    }

    @Test
    void a_rebuilt_application_gets_a_new_archive_and_the_old_one_is_deleted() throws Exception {
        LabHome home = new LabHome(dir, dir.resolve(".shoplab"));
        Path jar = quarkusApp();
        String before = ClassDataSharing.fingerprint(jar);
        Path old = Path.of(ClassDataSharing.flags(home, "order-service", jar).flags().get(0)
                .substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(old, "old archive");

        Path lib = jar.getParent().resolve("lib/main/a.jar");
        Files.writeString(lib, "a, rebuilt");
        Files.setLastModifiedTime(lib, FileTime.from(Instant.now().plusSeconds(5)));
        assertNotEquals(before, ClassDataSharing.fingerprint(jar), "a changed library is another build");
        ClassDataSharing.Flags rebuilt = ClassDataSharing.flags(home, "order-service", jar);
        assertTrue(rebuilt.recording());
        assertFalse(Files.exists(old), "the archive of the old build is never used again");
    }

    @Test
    void two_architectures_services_of_one_role_keep_their_own_archives() throws Exception {
        LabHome home = new LabHome(dir, dir.resolve(".shoplab"));
        Path distributed = quarkusApp("distributed-monolith/order-service");
        Path eventDriven = quarkusApp("event-driven/order-service");
        Path first = Path.of(ClassDataSharing.flags(home, "order-service", distributed).flags().get(0)
                .substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(first, "the distributed monolith's order-service archive");
        Path legacy = Files.writeString(first.resolveSibling("order-service-0123456789abcdef.jsa"), "named by role alone");

        ClassDataSharing.Flags other = ClassDataSharing.flags(home, "order-service", eventDriven);
        assertTrue(other.recording(), "the event-driven order-service records its own archive");
        assertTrue(Files.exists(first), "and leaves the distributed monolith's, which the next run of it maps");
        assertFalse(Files.exists(legacy), "an archive named by role alone is never mapped again");
        assertEquals(List.of("-XX:SharedArchiveFile=" + first),
                ClassDataSharing.flags(home, "order-service", distributed).flags());
    }

    @Test
    void a_command_that_is_not_the_bench_maps_archives_but_records_none() throws Exception {
        LabHome home = new LabHome(dir, dir.resolve(".shoplab"));
        Path jar = quarkusApp();
        String archive = ClassDataSharing.flags(home, "order-service", jar).flags().get(0)
                .substring("-XX:ArchiveClassesAtExit=".length());
        System.clearProperty(ClassDataSharing.RECORD_PROPERTY);

        ClassDataSharing.Flags none = ClassDataSharing.flags(home, "payment-service", jar);
        assertTrue(none.flags().isEmpty(), "no archive yet, and none recorded: " + none.flags());
        assertEquals(Duration.ofSeconds(15), none.grace(Duration.ofSeconds(15)), "its stop waits for no archive");

        Files.writeString(Path.of(archive), "an archive the bench's JVM wrote");
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive),
                ClassDataSharing.flags(home, "order-service", jar).flags());
    }

    @Test
    void the_system_property_switches_it_off() throws Exception {
        LabHome home = new LabHome(dir, dir.resolve(".shoplab"));
        String was = System.getProperty(ClassDataSharing.PROPERTY);
        System.setProperty(ClassDataSharing.PROPERTY, "false");
        try {
            ClassDataSharing.Flags off = ClassDataSharing.flags(home, "order-service", quarkusApp());
            assertTrue(off.flags().isEmpty());
            assertFalse(off.recording());
        } finally {
            if (was == null) {
                System.clearProperty(ClassDataSharing.PROPERTY);
            } else {
                System.setProperty(ClassDataSharing.PROPERTY, was);
            }
        }
    }
}
