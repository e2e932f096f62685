package dev.shoplab.loadtests.ceiling;

import dev.shoplab.lab.infra.PgbenchScripts;
import dev.shoplab.lab.infra.PostgresEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own benchmark client, {@code pgbench}, run with a custom script against a database of the lab's
 * server: the SQL ceiling of an architecture is its scripts' rate (ADR 0018). pgbench comes with PostgreSQL's
 * client tools (Debian: {@code postgresql-client}, or {@code postgresql-contrib} on older releases); the embedded
 * server's binaries do not include it.
 */
public final class Pgbench {

    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");
    private static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: ([0-9]+)");

    /** One pgbench result: script runs per second, their average latency, and how many failed. */
    public record Result(double scriptsPerSecond, double latencyMs, long failed) {
    }

    private final Path executable;

    private Pgbench(Path executable) {
        this.executable = executable;
    }

    /** Finds pgbench where {@link PgbenchScripts#executable()} looks. */
    public static Optional<Pgbench> find() {
        return PgbenchScripts.executable().map(Pgbench::new);
    }

    /** What to tell a user whose machine has no pgbench. */
    public static String missing() {
        return "pgbench was not found (" + PgbenchScripts.WHERE + "), so the SQL ceiling "
                + "was not measured: install PostgreSQL's client tools (Debian: apt-get install postgresql-client, "
                + "or postgresql-contrib) and run the bench again";
    }

    /** The version line, e.g. {@code pgbench (PostgreSQL) 15.18}. */
    public String version() {
        return run(List.of(executable.toString(), "--version"), null, 30).trim();
    }

    /** Runs {@code script} with {@code clients} clients for {@code seconds} against its database. */
    public Result run(PgbenchScripts.Script script, PostgresEndpoint postgres, int clients, int seconds) {
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
