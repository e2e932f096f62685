package dev.shoplab.lab.infra;

import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.lab.process.Signals;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky's embedded binaries, PostgreSQL 18) run as a child process on
 * 127.0.0.1 at a free port, its data and log in the run folder. Stopped with a fast shutdown (SIGINT).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final PostgresEndpoint endpoint;
    private final ProcessLedger ledger;
    private final OwnedProcess owned;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, ProcessLedger ledger, OwnedProcess owned) {
        this.postgres = postgres;
        this.endpoint = new PostgresEndpoint("127.0.0.1", postgres.getPort(), "postgres", null);
        this.ledger = ledger;
        this.owned = owned;
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
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("max_prepared_transactions", "0");
            durability.settings().forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            OwnedProcess owned = ledger.record("postgres", postgres.getProcess().toHandle(), "INT",
                    Duration.ofSeconds(20));
            return new EmbeddedPostgresServer(postgres, ledger, owned);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; see " + dir.resolve("postgres.log"), e);
        }
    }

    public PostgresEndpoint endpoint() {
        return endpoint;
    }

    /** PID of the postmaster, for resource accounting and fault injection. */
    public long pid() {
        return owned.pid();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // pg_ctl stop failed: fall back to signals so nothing is left running.
            Signals.stop(owned.pid(), "INT", Duration.ofSeconds(20));
        }
        ledger.forget(owned);
    }
}
