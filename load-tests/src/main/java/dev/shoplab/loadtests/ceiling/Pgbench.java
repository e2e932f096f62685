package dev.shoplab.loadtests.ceiling;

import dev.shoplab.lab.infra.PostgresEndpoint;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL's own benchmark client, {@code pgbench}, run with a custom script against a database of the lab's
 * server: the SQL ceiling of an architecture is its scripts' rate (ADR 0018). pgbench comes with PostgreSQL's
 * client tools (Debian: {@code postgresql-client}, or {@code postgresql-contrib} on older releases); the embedded
 * server's binaries do not include it.
 */
public final class Pgbench {

    /** What a script's header says: the database its SQL runs in, e.g. {@code -- database: dm_order}. */
    private static final Pattern DATABASE = Pattern.compile("(?m)^--\\s*database:\\s*([a-z][a-z0-9_]*)\\s*$");
    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");
    private static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: ([0-9]+)");

    /** One pgbench result: script runs per second, their average latency, and how many failed. */
    public record Result(double scriptsPerSecond, double latencyMs, long failed) {
    }

    /** A script of an architecture's {@code bench/} folder and the database it runs in. */
    public record Script(Path file, String database) {
    }

    private final Path executable;

    private Pgbench(Path executable) {
        this.executable = executable;
    }

    /**
     * Finds pgbench: {@code SHOPLAB_PGBENCH}, then the PATH, then Debian's {@code /usr/lib/postgresql/<version>/bin}
     * (newest first).
     */
    public static Optional<Pgbench> find() {
        String given = System.getenv("SHOPLAB_PGBENCH");
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            return Files.isExecutable(p) ? Optional.of(new Pgbench(p)) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "pgbench");
            if (Files.isExecutable(p)) {
                return Optional.of(new Pgbench(p));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable)
                        .max(Comparator.comparing(p -> versionOf(p.getParent().getParent().getFileName().toString())))
                        .map(Pgbench::new);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Integer versionOf(String folder) {
        try {
            return Integer.parseInt(folder);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** What to tell a user whose machine has no pgbench. */
    public static String missing() {
        return "pgbench was not found (PATH, /usr/lib/postgresql/*/bin or SHOPLAB_PGBENCH), so the SQL ceiling "
                + "was not measured: install PostgreSQL's client tools (Debian: apt-get install postgresql-client, "
                + "or postgresql-contrib) and run the bench again";
    }

    /** The version line, e.g. {@code pgbench (PostgreSQL) 15.18}. */
    public String version() {
        return run(List.of(executable.toString(), "--version"), null, 30).trim();
    }

    /** The scripts of a folder ({@code *.pgbench}), in name order, each with the database its header names. */
    public static List<Script> scripts(Path folder) {
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

    /** The database a script's header names. */
    static String databaseOf(String name, String text) {
        Matcher m = DATABASE.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": a pgbench script of the bench names its database in a "
                    + "header line, e.g. '-- database: monolith'");
        }
        return m.group(1);
    }

    /** Runs {@code script} with {@code clients} clients for {@code seconds} against its database. */
    public Result run(Script script, PostgresEndpoint postgres, int clients, int seconds) {
        List<String> command = List.of(executable.toString(), "-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds), "-f",
                script.file().toString(), "-h", postgres.host(), "-p", Integer.toString(postgres.port()), "-U",
                postgres.user(), script.database());
        return parse(run(command, postgres.password(), seconds + 60));
    }

    /** Reads pgbench's summary. */
    static Result parse(String output) {
        Matcher tps = TPS.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no 'tps = …' line:\n" + output);
        }
        Matcher failed = FAILED.matcher(output);
        return new Result(Double.parseDouble(tps.group(1)), latency.find() ? Double.parseDouble(latency.group(1)) : 0,
                failed.find() ? Long.parseLong(failed.group(1)) : 0);
    }

    private static String run(List<String> command, String password, int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (password != null) {
                builder.environment().put("PGPASSWORD", password);
            }
            Process p = builder.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                        + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running pgbench", e);
        }
    }
}
