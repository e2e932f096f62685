package dev.shoplab.lab.process;

import dev.shoplab.lab.LabHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Application class-data sharing (AppCDS) for the JVMs the lab starts again and again (a bench starts every
 * service once per run): the first JVM of a jar records the classes it loaded into an archive when it exits
 * ({@code -XX:ArchiveClassesAtExit}, JDK 13+; JDK 19's {@code -XX:+AutoCreateSharedArchive} does both steps in one
 * flag, JDK 17 does not have it), and every later one maps that archive ({@code -XX:SharedArchiveFile}) instead
 * of loading, verifying and linking the same classes again. Archives live in {@code .shoplab/cds/}, one per jar
 * build and JVM, named by role and by the jar's place: a rebuilt jar or another JDK gets a new one, and the old
 * one of that jar is deleted.
 * <p>
 * An archive changes how fast a JVM starts, not how its code runs: the JIT, the heap and the measured figures
 * are the same (ADR 0018). {@value #PROPERTY}{@code =false} (system property) switches it off. A JVM that cannot
 * use an archive (another JDK build, a jar changed behind the lab's back) says so in its log and starts without it.
 * <p>
 * Only a command that sets {@value #RECORD_PROPERTY}{@code =true} (the bench, which starts every service again and
 * again and stops them between runs anyway) records archives; every command maps the archives there are. Writing
 * an archive takes a stopping JVM seconds of CPU, and a speaker's Ctrl-C on {@code ./shoplab demo} must not wait
 * for nine of them.
 */
public final class ClassDataSharing {

    /** The system property that switches class-data sharing off ({@code false}); on by default. */
    public static final String PROPERTY = "shoplab.cds";

    private ClassDataSharing() {
    }

    /** The system property that lets this process's JVMs record archives ({@code true}); off by default. */
    public static final String RECORD_PROPERTY = "shoplab.cds.record";

    private static final AtomicInteger RECORDINGS = new AtomicInteger();

    /**
     * How many JVMs this process has started without an archive, to record one ({@link #flags}): a bench reads it
     * around a start to say which runs' start cost and memory are those of a JVM without class-data sharing.
     */
    public static int recordingsStarted() {
        return RECORDINGS.get();
    }

    /** Whether the lab uses archives: {@value #PROPERTY} is not {@code false}. */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** How long a JVM that records an archive may take to stop: writing it takes seconds of CPU on a busy machine. */
    public static final Duration RECORDING_GRACE = Duration.ofSeconds(60);

    /**
     * The flags for one JVM, and whether it records an archive when it exits (it then needs
     * {@link #RECORDING_GRACE} to stop).
     */
    public record Flags(List<String> flags, boolean recording) {

        /** How long the JVM may take to stop on its stop signal: {@code usual}, or more while it records. */
        public Duration grace(Duration usual) {
            return recording && RECORDING_GRACE.compareTo(usual) > 0 ? RECORDING_GRACE : usual;
        }
    }

    /** Whether JVMs started by this process record an archive where there is none: {@value #RECORD_PROPERTY}. */
    public static boolean recordsArchives() {
        return "true".equalsIgnoreCase(System.getProperty(RECORD_PROPERTY, "false").trim());
    }

    /**
     * The JVM flags for a JVM that runs {@code jar} as {@code role}: map its archive when there is one, else record
     * one at exit when {@link #recordsArchives()} (its thousands of "skipping a class" lines silenced); none when
     * sharing is off.
     *
     * @param jar the runnable jar (for a Quarkus application, {@code target/quarkus-app/quarkus-run.jar}: the
     *            archive's name also depends on the rest of that folder, which a rebuild changes)
     */
    public static Flags flags(LabHome home, String role, Path jar) {
        if (!enabled()) {
            return new Flags(List.of(), false);
        }
        Path dir = home.stateDir().resolve("cds");
        String stem = role + "-" + location(jar);
        Path archive = dir.resolve(stem + "-" + fingerprint(jar) + ".jsa");
        try {
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return new Flags(List.of("-XX:SharedArchiveFile=" + archive), false);
            }
            if (!recordsArchives()) {
                return new Flags(List.of(), false);
            }
            Files.createDirectories(dir);
            deleteOthers(dir, role, stem, archive);
            RECORDINGS.incrementAndGet();
            return new Flags(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the class-data sharing archive " + archive, e);
        }
    }

    /**
     * Archives of older builds of the same jar (or of another JVM), never used again, and archives named by role
     * alone (before archives were told apart by their jar's place). An archive of the same role for another jar
     * stays: the distributed monolith and the event-driven system both have an {@code order-service}, and a bench
     * or a demo that runs both must not delete one's archive for the other's.
     */
    private static void deleteOthers(Path dir, String role, String stem, Path keep) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> !f.equals(keep)).filter(f -> {
                String name = f.getFileName().toString();
                return name.matches(Pattern.quote(stem) + "-[0-9a-f]{16}\\.jsa")
                        || name.matches(Pattern.quote(role) + "-[0-9a-f]{16}\\.jsa");
            }).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Eight hex digits naming where {@code jar} lies: the same for every build of one module in one checkout. */
    static String location(Path jar) {
        byte[] sha = sha256().digest(jar.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha).substring(0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * What the archive depends on: the jar's path, its size and time — for a Quarkus application those of every
     * file of its {@code quarkus-app} folder, a folder of jars — and the JVM build.
     */
    static String fingerprint(Path jar) {
        try {
            MessageDigest sha = sha256();
            sha.update(jar.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"))
                    .getBytes(StandardCharsets.UTF_8));
            Path folder = jar.toAbsolutePath().getParent();
            boolean quarkusApp = folder.getFileName() != null && folder.getFileName().toString().equals("quarkus-app");
            try (Stream<Path> files = quarkusApp ? Files.walk(folder) : Stream.of(jar.toAbsolutePath())) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jsa")).sorted()
                        .toList()) {
                    sha.update((folder.relativize(f) + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f)
                            .toMillis()).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar.getParent(), e);
        }
    }
}
