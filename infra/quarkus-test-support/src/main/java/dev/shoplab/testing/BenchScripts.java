package dev.shoplab.testing;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.infra.PgbenchScripts;
import dev.shoplab.lab.infra.PostgresEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the bench's pgbench scripts ({@code <architecture>/bench/*.pgbench}, ADR 0018) on the schema the services'
 * migrations made, so that a script that no longer fits the code's tables fails a test instead of the bench.
 *
 * <p>A script runs on a copy of its database's {@code public} schema, in a scratch schema of the same database:
 * every table copied with {@code like … including all} (columns, defaults, checks, keys and indexes) and its rows
 * (the seeded catalogue the scripts read), then its foreign keys; {@code pgbench} runs with that schema first on its
 * {@code search_path}, and the scratch schema is dropped afterwards. The running services never see the script's
 * rows: no outbox message of a script is published, no stock of theirs moves.
 */
public final class BenchScripts {

    private static final Pattern PROCESSED = Pattern.compile("(?m)^number of transactions actually processed: (\\d+)/(\\d+)");
    private static final String SCRATCH = "bench_script_check";

    /** What pgbench printed, and how many script runs it processed of how many asked. */
    private record Run(String output, long processed, long asked) {
    }

    private BenchScripts() {
    }

    /**
     * The check every architecture's scripts pass (its system tests call it, with the catalogue seeded as the bench
     * seeds it): the folder {@code folder} of the checkout ({@code distributed-monolith/bench}) holds one script per
     * database of {@code databases}, and each runs with two clients three times, every run processed. Skipped (a
     * JUnit assumption) when pgbench is not on this machine, saying where it was looked for.
     *
     * @throws AssertionError naming the script, its database and pgbench's output when one does not fit
     */
    public static void assertEveryScriptRuns(String folder, List<String> databases, PostgresEndpoint postgres) {
        Optional<Path> pgbench = PgbenchScripts.executable();
        Assumptions.assumeTrue(pgbench.isPresent(), "pgbench was not found (" + PgbenchScripts.WHERE + "): "
                + "the bench's scripts are not checked here; install PostgreSQL's client tools (.ci/run does)");
        List<PgbenchScripts.Script> scripts = PgbenchScripts.in(LabHome.locate().artifact(folder));
        List<String> scripted = scripts.stream().map(PgbenchScripts.Script::database).toList();
        Assertions.assertEquals(new HashSet<>(databases), new HashSet<>(scripted),
                folder + " must hold one script per database");
        Assertions.assertEquals(databases.size(), scripted.size(), folder + " must hold one script per database");
        for (PgbenchScripts.Script script : scripts) {
            Run run = run(pgbench.get(), postgres, script, 2, 3);
            Assertions.assertTrue(run.processed() == 6 && run.asked() == 6, () -> script.file().getFileName() + " on "
                    + script.database() + " processed " + run.processed() + " of " + run.asked() + " runs:\n" + run.output());
        }
    }

    /**
     * Runs {@code script} with {@code pgbench -n -M prepared -c clients -t runs} (each client runs it {@code runs}
     * times) on a copy of its database's schema and rows; throws with pgbench's output if pgbench fails.
     */
    private static Run run(Path pgbench, PostgresEndpoint postgres, PgbenchScripts.Script script, int clients, int runs) {
        copySchema(postgres, script.database());
        try {
            List<String> command = List.of(pgbench.toString(), "-n", "-M", "prepared", "-c", Integer.toString(clients),
                    "-t", Integer.toString(runs), "-f", script.file().toString(), "-h", postgres.host(), "-p",
                    Integer.toString(postgres.port()), "-U", postgres.user(), script.database());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGOPTIONS", "-c search_path=" + SCRATCH);
            if (postgres.password() != null) {
                builder.environment().put("PGPASSWORD", postgres.password());
            }
            Process p = builder.start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within 120 s:\n" + output);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(script.file().getFileName() + " on " + script.database() + ": "
                        + String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + output);
            }
            Matcher m = PROCESSED.matcher(output);
            return m.find() ? new Run(output, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))
                    : new Run(output, 0, (long) clients * runs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + pgbench, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running pgbench", e);
        } finally {
            dropSchema(postgres, script.database());
        }
    }

    /** The scratch schema: every table of {@code public} with its rows, then the foreign keys between them. */
    private static void copySchema(PostgresEndpoint postgres, String database) {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCRATCH + " cascade");
            s.execute("create schema " + SCRATCH);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = s.executeQuery(
                    "select quote_ident(tablename) from pg_tables where schemaname = 'public' order by tablename")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException(database + " has no tables in public: has its service migrated it?");
            }
            for (String table : tables) {
                s.execute("create table " + SCRATCH + "." + table + " (like public." + table + " including all)");
                s.execute("insert into " + SCRATCH + "." + table + " select * from public." + table);
            }
            List<String> foreignKeys = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("""
                    select 'alter table ' || quote_ident(t.relname) || ' add constraint ' || quote_ident(k.conname) || ' '
                           || pg_get_constraintdef(k.oid)
                    from pg_constraint k join pg_class t on t.oid = k.conrelid
                    where k.contype = 'f' and k.connamespace = 'public'::regnamespace""")) {
                while (rows.next()) {
                    foreignKeys.add(rows.getString(1));
                }
            }
            // read with public on the search path, the definitions name the referenced tables unqualified
            s.execute("set search_path = " + SCRATCH);
            for (String foreignKey : foreignKeys) {
                s.execute(foreignKey);
            }
        } catch (SQLException e) {
            dropSchema(postgres, database);
            throw new IllegalStateException("cannot copy the schema of " + database + ": " + e.getMessage(), e);
        }
    }

    private static void dropSchema(PostgresEndpoint postgres, String database) {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCRATCH + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the scratch schema of " + database + ": " + e.getMessage(), e);
        }
    }
}
