package dev.shoplab.lab.infra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void the_ephemeral_range_is_the_one_the_kernel_uses() throws Exception {
        Path file = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        assumeTrue(Files.isReadable(file), "not Linux: no /proc range to compare with");
        // read as a user would, with cat, not with the code under test
        Process cat = new ProcessBuilder("cat", file.toString()).start();
        String[] real = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
        assertTrue(cat.waitFor(10, TimeUnit.SECONDS));

        assertArrayEquals(new int[] {Integer.parseInt(real[0]), Integer.parseInt(real[1])}, FreePorts.ephemeralRange());
    }

    @Test
    void picked_ports_are_bindable_distinct_and_clear_of_the_ephemeral_range() throws IOException {
        int[] ephemeral = FreePorts.ephemeralRange();
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.pick();
            assertTrue(picked.add(port), "port " + port + " handed out twice");
            assertFalse(port >= ephemeral[0] && port <= ephemeral[1],
                    "port " + port + " is in the ephemeral range " + ephemeral[0] + "-" + ephemeral[1]
                            + ", where outgoing connections take their ports");
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void a_port_something_listens_on_is_passed_over_and_none_left_is_a_clear_error() throws IOException {
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = occupied.getLocalPort();

            IllegalStateException none = assertThrows(IllegalStateException.class, () -> FreePorts.pickBetween(port, port));
            assertTrue(none.getMessage().contains("No free port on 127.0.0.1 between " + port), none.getMessage());
            assertTrue(FreePorts.listening(port));
        }
    }

    @Test
    void the_rest_of_a_consecutive_run_and_a_reserved_port_are_never_picked() throws IOException {
        int first = FreePorts.consecutive(3);
        int told;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            told = probe.getLocalPort(); // free once closed: a port a command line could name
        }

        FreePorts.reserve(List.of(told));

        assertThrows(IllegalStateException.class, () -> FreePorts.pickBetween(first + 1, first + 2),
                "the rest of the run is handed out with its first");
        assertThrows(IllegalStateException.class, () -> FreePorts.pickBetween(told, told),
                "a port given on a command line is not picked for a service");
    }

    @Test
    void a_port_is_handed_out_once_even_while_nothing_listens_on_it() {
        int port = FreePorts.pick();

        assertThrows(IllegalStateException.class, () -> FreePorts.pickBetween(port, port));
    }
}
