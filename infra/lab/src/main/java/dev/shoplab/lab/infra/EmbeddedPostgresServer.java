package dev.shoplab.lab.infra;

import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.lab.process.Signals;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (zonky's embedded binaries, PostgreSQL 18) run as a child process on
 * 127.0.0.1 at a free port, its data and log in the run folder. Stopped with a fast shutdown (SIGINT).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Connections the server accepts: the demo runs the three architectures at once, each service with a pool of its own. */
    private static final int MAX_CONNECTIONS = 400;

    private final PostgresEndpoint endpoint;
    private final ProcessLedger ledger;
    private final Path log;
    private final Path dataDirectory;
    private OwnedProcess owned;
    /** The postmaster's command line, to start it again after {@link #stopUntil}. */
    private List<String> command;
    /** The postmaster when the lab started it again (zonky only starts it the first time). */
    private ManagedProcess restarted;
    /** The restarted server a database-restart fault stopped, its pid file kept until it starts again. */
    private ManagedProcess heldDown;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, ProcessLedger ledger, OwnedProcess owned, Path log,
                                   Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.endpoint = new PostgresEndpoint("127.0.0.1", postgres.getPort(), "postgres", null);
        this.ledger = ledger;
        this.owned = owned;
        this.log = log;
    }

    /** Starts a fresh server whose data folder and log are under {@code runDir/postgres}. */
    public static EmbeddedPostgresServer start(Path runDir, Durability durability, ProcessLedger ledger) {
        Path dir = runDir.resolve("postgres");
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("postgres.log");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(FreePorts.pick())
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", Integer.toString(MAX_CONNECTIONS))
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("max_prepared_transactions", "0");
            durability.settings().forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            // zonky starts the server through pg_ctl, which exits: the postmaster's PID is in its pid file.
            long postmaster = postmasterPid(dir.resolve("data"));
            ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow(() -> new IllegalStateException(
                    "PostgreSQL started but its postmaster (pid " + postmaster + ") is gone; see " + log));
            OwnedProcess owned = ledger.record("postgres", handle, "INT", Duration.ofSeconds(20), log, null);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, ledger, owned, log, dir.resolve("data"));
            try {
                agreeOnMaxConnections(server.endpoint());
            } catch (RuntimeException e) {
                server.close(); // recorded and stopped: nothing left for no one to stop
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; see " + dir.resolve("postgres.log"), e);
        }
    }

    /**
     * The server's {@code max_connections} (its command line) written into its configuration too: initdb's
     * {@code postgresql.conf} says 100, so every configuration reload (lab 1's {@code pg_reload_conf()}) logged that
     * the file's value "cannot be changed without restarting the server" and that the file "contains errors".
     * {@code postgresql.auto.conf}, read after it, now gives the value the server runs with.
     */
    private static void agreeOnMaxConnections(PostgresEndpoint endpoint) {
        try (Connection c = endpoint.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("alter system set max_connections = " + MAX_CONNECTIONS);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but refused to record its max_connections: "
                    + e.getMessage(), e);
        }
    }

    public PostgresEndpoint endpoint() {
        return endpoint;
    }

    /** PID of the postmaster, for resource accounting and fault injection. */
    public synchronized long pid() {
        return restarted != null ? restarted.pid() : owned.pid();
    }

    /**
     * Stops the server with a fast shutdown (as an operator restarting it would), keeping its data, to be started
     * again at {@code restartsAt}: until {@link #startAgain()} its pid file stays, marked, so that
     * {@code ./shoplab status} shows it stopped by a fault and when it comes back ({@link ProcessLedger#markHeldDown}).
     * A server already stopped only gets the new time.
     */
    public synchronized void stopUntil(Instant restartsAt) {
        if (command == null) {
            command = commandLine(owned.pid());
        }
        if (restarted != null) {
            restarted.stopUntil(restartsAt);
            heldDown = restarted;
            restarted = null;
        } else if (heldDown != null) {
            heldDown.stopUntil(restartsAt);
        } else {
            ledger.markHeldDown(owned, restartsAt, "stopped");
            if (owned.live().isPresent()) {
                Signals.stop(owned.pid(), "INT", Duration.ofSeconds(30));
            }
        }
    }

    /**
     * Starts the server again after {@link #stopUntil}: same binaries, data, port and settings; nothing if it runs.
     * When it does not start (it exits, or does not answer within 60 s), what was started is stopped, the stopped
     * server's pid file is marked so that {@code ./shoplab status} shows its restart FAILED with the end of its log
     * ({@link ProcessLedger#markRestartFailed}), as a service's or the broker's, and the failure is rethrown; a next
     * call tries again.
     *
     * @throws IllegalStateException when the server did not start again; its message ends with the log's last lines
     */
    public synchronized void startAgain() {
        if (command == null) {
            throw new IllegalStateException("PostgreSQL was not stopped by the lab; nothing to start again");
        }
        if (restarted != null && restarted.isAlive()) {
            return; // started again already (a lift that crossed a second restart); a second postmaster would fail
        }
        ManagedProcess stopped = heldDown; // null: the first server, zonky's, is the one stopped
        dropHeldDown();
        if (restarted != null) {
            restarted.close(); // a restarted server that died on its own: its pid file goes with it
            restarted = null;
        }
        List<String> start = command;
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            // PostgreSQL refuses to run as root; like zonky, run it in a user namespace where we are not root.
            start = new ArrayList<>(List.of("/usr/bin/unshare", "-U"));
            start.addAll(command);
        }
        ManagedProcess started = null;
        try {
            started = ManagedProcess.start("postgres", start, Map.of(), log, ledger, "INT", Duration.ofSeconds(20));
            started.awaitReady(Duration.ofSeconds(60), this::answers, "a connection to database postgres succeeds");
        } catch (RuntimeException e) {
            if (started != null) {
                started.close(); // a postmaster that hangs must not hold the port and data for the next try
            }
            try {
                if (stopped != null) {
                    stopped.markRestartFailed(Instant.now());
                    heldDown = stopped; // the next try drops its mark, as after stopUntil
                } else {
                    ledger.markRestartFailed(owned, "stopped", Instant.now());
                }
            } catch (RuntimeException marking) {
                e.addSuppressed(marking);
            }
            throw e;
        }
        restarted = started;
    }

    private boolean answers() {
        try (Connection c = endpoint.connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The first line of {@code postmaster.pid} in the data folder: the postmaster's PID. */
    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    /** The command line a process was started with, read from /proc. */
    private static List<String> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            return List.of(raw.split("\u0000"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the PostgreSQL command line of pid " + pid, e);
        }
    }

    /**
     * Stops the server with a fast shutdown (SIGINT), waiting up to 30 s for it — a durable server writes its
     * shutdown checkpoint, which on a loaded machine takes longer than the 5 s zonky's {@code pg_ctl stop} allows
     * before it logs an error with a stack trace — and deletes the data folder, as zonky's own close would. zonky's
     * close is not called: its {@code pg_ctl stop} fails, and logs so, whenever the server is already stopped (after
     * a database restart the running postmaster is the lab's, not zonky's).
     */
    @Override
    public synchronized void close() {
        dropHeldDown();
        if (restarted != null) {
            restarted.close();
            restarted = null;
        }
        if (owned.live().isPresent()) {
            Signals.stop(owned.pid(), "INT", Duration.ofSeconds(30));
        }
        ledger.forget(owned);
        deleteTree(dataDirectory);
    }

    /** Drops the pid file of the stopped server ({@link #stopUntil}), before another is written or on close. */
    private void dropHeldDown() {
        if (heldDown != null) {
            heldDown.close();
            heldDown = null;
        } else {
            ledger.forget(owned); // the first server's, if it was stopped (nothing when its file is gone)
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // the server is stopped: a folder left behind is no reason to fail what ran
            System.err.println("Could not delete PostgreSQL's data folder " + root + " (" + e.getMessage()
                    + "); delete it by hand");
        }
    }
}
