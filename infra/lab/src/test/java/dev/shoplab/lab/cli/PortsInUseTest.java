package dev.shoplab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.process.ProcessLedger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before {@code up} or {@code demo} start anything: a lab command of the checkout that said it listens on one of
 * their ports is named — also while it is still starting, before it listens — and a port something else listens
 * on is refused with the options that choose another.
 */
class PortsInUseTest {

    @TempDir
    Path root;
    @TempDir
    Path state;

    private LabHome home;
    private ProcessLedger ledger;
    private long self;

    @BeforeEach
    void aCheckout() {
        home = new LabHome(root, state);
        ledger = new ProcessLedger(home.pidDir());
        self = ProcessHandle.current().pid();
    }

    @AfterEach
    void forget() {
        ledger.forgetOwner();
    }

    @Test
    void a_demo_still_starting_is_named_before_it_listens_on_anything() {
        int edge = FreePorts.pick();
        Map<String, String> demo = new LinkedHashMap<>(Map.of("command", "demo", "logs", "runs/x",
                PortsInUse.KEY, PortsInUse.describe(List.of(FreePorts.pick(), edge))));
        ledger.describeOwner(demo); // as the demo does before it starts anything

        Optional<String> why = PortsInUse.why(home, List.of(edge), "another with --port");

        assertEquals(Optional.of("'./shoplab demo' (pid " + self + ") is starting on port " + edge + ": use that one"
                + " once it is ready, or stop it first (Ctrl-C in its terminal, or kill -TERM " + self + ");"
                + " ./shoplab status shows it."), why);
    }

    @Test
    void a_claim_is_seen_by_the_next_command_that_wants_one_of_its_ports() {
        int edge = FreePorts.pick();

        assertEquals(Optional.empty(), PortsInUse.claim(home, List.of(FreePorts.pick(), edge), "others",
                new LinkedHashMap<>(Map.of("command", "demo"))));
        Optional<String> second = PortsInUse.claim(home, List.of(edge), "another with --port",
                new LinkedHashMap<>(Map.of("command", "up monolith")));

        assertTrue(second.orElseThrow().startsWith("'./shoplab demo' (pid " + self + ") is starting on port " + edge),
                second.toString());
        assertEquals("demo", ledger.ownerDescription(self).get("command"), "the refused claim wrote nothing");
    }

    @Test
    void a_ready_command_is_named_with_its_page_or_edge() {
        int port = FreePorts.pick();
        ledger.describeOwner(Map.of("command", "up monolith", PortsInUse.KEY, String.valueOf(port),
                "edge", "http://127.0.0.1:" + port));

        String why = PortsInUse.why(home, List.of(port), "another with --port").orElseThrow();

        assertTrue(why.startsWith("'./shoplab up monolith' (pid " + self + ") runs on port " + port
                + " (its edge: http://127.0.0.1:" + port + "): use that one, or stop it first"), why);
    }

    @Test
    void a_command_asked_to_stop_is_named_as_stopping_until_it_has_ended() {
        int port = FreePorts.pick();
        ledger.describeOwner(Map.of("command", "up monolith", PortsInUse.KEY, String.valueOf(port)));

        ledger.markOwnerStopping(); // Ctrl-C came while it was starting
        ledger.describeOwner(Map.of("command", "up monolith", PortsInUse.KEY, String.valueOf(port),
                "edge", "http://127.0.0.1:" + port)); // its start goes on a moment, and says it is ready

        assertEquals(Optional.of("'./shoplab up monolith' (pid " + self + ") is stopping and still holds port " + port
                + ": try again once it has stopped what it started (./shoplab status shows it until then)."),
                PortsInUse.why(home, List.of(port), "another with --port"));
    }

    @Test
    void a_description_whose_pid_now_belongs_to_another_process_is_no_obstacle() throws Exception {
        int port = FreePorts.pick();
        ledger.describeOwner(Map.of("command", "demo", PortsInUse.KEY, String.valueOf(port)));
        // as if a command killed with SIGKILL had left its description and its pid had come back for this process
        try (Stream<Path> files = Files.list(home.pidDir())) {
            Path description = files.filter(f -> f.getFileName().toString().startsWith("owner-")).findFirst().orElseThrow();
            Files.writeString(description, Files.readString(description)
                    .replaceAll("(?m)^started=.*$", "started=" + Instant.now().minus(Duration.ofDays(3))));
        }

        assertEquals(Optional.empty(), PortsInUse.why(home, List.of(port), "another with --port"));
        assertEquals(List.of(), ledger.liveOwners(), "the stale description is dropped");
    }

    @Test
    void a_command_on_other_ports_is_no_obstacle_and_free_ports_are_free() {
        ledger.describeOwner(Map.of("command", "up monolith", PortsInUse.KEY, String.valueOf(FreePorts.pick())));

        assertEquals(Optional.empty(), PortsInUse.why(home, List.of(FreePorts.pick()), "another with --port"));
    }

    @Test
    void a_port_something_else_listens_on_is_refused_with_how_to_choose_another() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();

            assertEquals(Optional.of("port " + port + " is already in use on 127.0.0.1: stop what listens there"
                    + " (./shoplab status shows the lab's own) or choose others with --port and --edge-port."),
                    PortsInUse.why(home, List.of(port), "others with --port and --edge-port"));
        }
    }
}
