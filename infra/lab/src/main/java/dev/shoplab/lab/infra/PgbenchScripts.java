package dev.shoplab.lab.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the bench's SQL ceiling finds its parts (ADR 0018): PostgreSQL's benchmark client {@code pgbench} on this
 * machine, and the scripts of an architecture's {@code bench/} folder, each naming the database it runs in. The
 * bench runs them ({@code load-tests}' {@code Pgbench}); the system tests of the distributed monolith and the
 * event-driven system run them on their migrated schemas, so a script that no longer fits its tables fails a test.
 */
public final class PgbenchScripts {

    /** The header line of a script, e.g. {@code -- database: dm_order}. */
    private static final Pattern DATABASE = Pattern.compile("(?m)^--\\s*database:\\s*([a-z][a-z0-9_]*)\\s*$");

    /** Where {@link #executable()} looks, as a user is told when it finds nothing. */
    public static final String WHERE = "PATH, /usr/lib/postgresql/*/bin or SHOPLAB_PGBENCH";

    /** A script and the database its header names. */
    public record Script(Path file, String database) {
    }

    private PgbenchScripts() {
    }

    /**
     * pgbench: {@code SHOPLAB_PGBENCH} if set (empty if that file is not executable), else the first on the
     * {@code PATH}, else the newest of Debian's {@code /usr/lib/postgresql/<version>/bin}. It comes with
     * PostgreSQL's client tools (Debian: {@code postgresql-client}, or {@code postgresql-contrib} on older
     * releases); the embedded server's binaries do not include it.
     */
    public static Optional<Path> executable() {
        String given = System.getenv("SHOPLAB_PGBENCH");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "pgbench");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable)
                    .max(Comparator.comparing(p -> versionOf(p.getParent().getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String folder) {
        try {
            return Integer.parseInt(folder);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The scripts of a folder ({@code *.pgbench}), in name order, each with the database its header names; none
     * if there is no such folder.
     *
     * @throws IllegalArgumentException if a script names no database
     */
    public static List<Script> in(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Script> scripts = new ArrayList<>();
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pgbench")).sorted().toList()) {
                scripts.add(new Script(f, databaseOf(f.getFileName().toString(), Files.readString(f))));
            }
            return scripts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pgbench scripts in " + folder, e);
        }
    }

    /**
     * The database a script's header names.
     *
     * @throws IllegalArgumentException if it names none
     */
    public static String databaseOf(String name, String text) {
        Matcher m = DATABASE.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": a pgbench script of the bench names its database in a "
                    + "header line, e.g. '-- database: monolith'");
        }
        return m.group(1);
    }
}
