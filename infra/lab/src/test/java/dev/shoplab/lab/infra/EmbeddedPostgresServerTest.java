package dev.shoplab.lab.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL can be restarted the way the db-restart fault does it, keeping port and data. */
class EmbeddedPostgresServerTest {

    @Test
    void restarts_on_the_same_port_with_its_data_and_stops_without_a_trace() throws Exception {
        long pidAfterRestart;
        Path data;
        try (LabRun run = LabRun.open(LabHome.locate(), "test-pg-restart")) {
            EmbeddedPostgresServer server = startDurable(run);
            PostgresEndpoint postgres = server.endpoint();
            data = dataFolder(run);
            postgres.createDatabase("survivor");
            try (Connection c = postgres.connect("survivor"); Statement s = c.createStatement()) {
                s.execute("create table orders (id text primary key)");
                s.execute("insert into orders values ('acknowledged-before-restart')");
                try (ResultSet rs = s.executeQuery("show fsync")) {
                    assertTrue(rs.next());
                    assertEquals("on", rs.getString(1), "DURABLE must run with fsync on");
                }
            }

            Instant restartsAt = Instant.now().plusSeconds(30);
            server.stopUntil(restartsAt);
            assertThrows(SQLException.class, () -> postgres.connect("survivor").close(),
                    "a stopped server must refuse connections");
            assertEquals(List.of("postgres stopped until " + restartsAt), ledgerLines(run),
                    "./shoplab status shows the stopped server and when it restarts");

            server.startAgain();
            assertEquals(List.of("postgres running"), ledgerLines(run), "one pid file, the running server's");
            // the restarted server, stopped again: a second restart of the same fault only moves the time
            server.stopUntil(restartsAt);
            server.stopUntil(restartsAt.plusSeconds(5));
            assertEquals(List.of("postgres stopped until " + restartsAt.plusSeconds(5)), ledgerLines(run));
            server.startAgain();
            assertEquals(List.of("postgres running"), ledgerLines(run));
            pidAfterRestart = server.pid();
            try (Connection c = postgres.connect("survivor"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select id from orders")) {
                assertTrue(rs.next());
                assertEquals("acknowledged-before-restart", rs.getString(1));
            }
        }
        long pid = pidAfterRestart;
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
                "the restarted postmaster (pid " + pid + ") still runs after the run closed");
        assertFalse(Files.exists(data), "the data folder " + data + " is left behind");
    }

    @Test
    void a_restart_that_fails_leaves_the_server_shown_stopped_and_the_next_one_starts_it() throws Exception {
        try (LabRun run = LabRun.open(LabHome.locate(), "test-pg-failed-restart")) {
            EmbeddedPostgresServer server = startDurable(run);
            PostgresEndpoint postgres = server.endpoint();
            postgres.createDatabase("survivor");
            for (int round = 1; round <= 2; round++) { // the first server (zonky's), then one the lab restarted
                server.stopUntil(Instant.now().plusSeconds(30));
                try (ServerSocket squatter = new ServerSocket(postgres.port(), 1, InetAddress.getByName("127.0.0.1"))) {
                    Instant tried = Instant.now();
                    IllegalStateException failure = assertThrows(IllegalStateException.class, server::startAgain,
                            "a server whose port is taken cannot start");
                    assertTrue(failure.getMessage().contains("postgres"), failure.getMessage());
                    List<String> lines = ledgerLines(run);
                    assertEquals(1, lines.size(), "one pid file, the stopped server's (round " + round + "): " + lines);
                    assertTrue(lines.get(0).startsWith("postgres stopped, its restart failed at "), lines.toString());
                    assertFalse(Instant.parse(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1)).isBefore(tried),
                            lines.toString());
                }
                server.startAgain();
                assertEquals(List.of("postgres running"), ledgerLines(run), "one pid file, the server's");
                try (Connection c = postgres.connect("survivor")) {
                    assertTrue(c.isValid(2), "the server answers after the second try (round " + round + ")");
                }
            }
        }
    }

    @Test
    void its_configuration_files_agree_with_the_settings_it_runs_with_so_a_reload_logs_no_error() throws Exception {
        try (LabRun run = LabRun.open(LabHome.locate(), "test-pg-config")) {
            EmbeddedPostgresServer server = startDurable(run);
            try (Connection c = server.endpoint().connect("postgres"); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("show max_connections")) {
                    assertTrue(rs.next());
                    assertEquals("400", rs.getString(1));
                }
                // what a reload (lab 1's pg_reload_conf) would apply, entry by entry, with the error it would log
                List<String> errors = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select sourcefile || ':' || sourceline || ' ' || name || ': ' || error"
                        + " from pg_file_settings where error is not null")) {
                    while (rs.next()) {
                        errors.add(rs.getString(1));
                    }
                }
                assertEquals(List.of(), errors, "a configuration reload would log these errors");
            }
        }
    }

    @Test
    void a_server_never_restarted_stops_and_leaves_no_data_folder() throws Exception {
        long postmaster;
        Path data;
        try (LabRun run = LabRun.open(LabHome.locate(), "test-pg-close")) {
            EmbeddedPostgresServer server = startDurable(run);
            postmaster = server.pid();
            data = dataFolder(run);
            server.endpoint().createDatabase("written");
            assertTrue(Files.isDirectory(data));
        }
        long pid = postmaster;
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
                "the postmaster (pid " + pid + ") still runs after the run closed");
        assertFalse(Files.exists(data), "the data folder " + data + " is left behind");
    }

    /** What the run's pid files say of each process: running, or stopped by a fault until when. */
    static List<String> ledgerLines(LabRun run) {
        return run.ledger().all().stream().map(p -> p.name() + (p.restartsAt() == null ? " running"
                : " " + p.downAs() + (p.restartFailed() ? ", its restart failed at " : " until ") + p.restartsAt()))
                .toList();
    }

    private static EmbeddedPostgresServer startDurable(LabRun run) {
        return run.own(EmbeddedPostgresServer.start(run.dir(), Durability.DURABLE, run.ledger()));
    }

    private static Path dataFolder(LabRun run) {
        return run.dir().resolve("postgres").resolve("data");
    }
}
