package dev.shoplab.lab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that dies because its port was taken between the lab's pick and its own bind is told apart from one that
 * dies for another reason, so that the bench starts the architecture again on other ports instead of failing the run
 * (it happened once, with a build's test servers on the same machine).
 */
class PortTakenExceptionTest {

    @TempDir
    Path dir;

    private ProcessLedger ledger;
    private final List<ManagedProcess> started = new ArrayList<>();

    @BeforeEach
    void aLedgerOfItsOwn() {
        ledger = new ProcessLedger(dir.resolve("pids"));
    }

    @AfterEach
    void noLeftovers() {
        started.forEach(ManagedProcess::close);
    }

    @Test
    void a_jvm_whose_port_another_program_holds_dies_with_a_port_taken_failure() throws Exception {
        Path listener = Files.writeString(dir.resolve("Listen.java"),
                "public class Listen { public static void main(String[] a) throws Exception {"
                        + " new java.net.ServerSocket(Integer.parseInt(a[0]), 1, java.net.InetAddress.getLoopbackAddress())"
                        + ".accept(); } }");
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ManagedProcess process = start("inventory-service", List.of(java, listener.toString(),
                    Integer.toString(other.getLocalPort())), dir.resolve("inventory-service.log"));

            PortTakenException failure = assertThrows(PortTakenException.class,
                    () -> process.awaitReady(Duration.ofSeconds(60), () -> false, "it listens"));
            assertTrue(failure.getMessage().startsWith("inventory-service exited with code 1 before it was ready"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("Address already in use"), "the log's tail is in the message: "
                    + failure.getMessage());
        }
    }

    @Test
    void quarkus_own_line_for_a_taken_port_counts_and_another_death_does_not() {
        ManagedProcess quarkus = start("order-service", List.of("sh", "-c", "echo 'ERROR [io.qua.run.Application] Port"
                + " 29858 seems to be in use by another process. Quarkus may already be running or the port is used by"
                + " another application.'; exit 1"), dir.resolve("order-service.log"));
        assertThrows(PortTakenException.class, () -> quarkus.awaitReady(Duration.ofSeconds(30), () -> false, "ready"));

        ManagedProcess other = start("payment-service", List.of("sh", "-c", "echo 'Connection to 127.0.0.1:5432"
                + " refused'; exit 1"), dir.resolve("payment-service.log"));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> other.awaitReady(Duration.ofSeconds(30), () -> false, "ready"));
        assertFalse(failure instanceof PortTakenException, "a refused database is not a taken port: " + failure);
    }

    @Test
    void only_what_this_start_wrote_counts_not_an_earlier_start_in_the_same_log() throws Exception {
        Path log = dir.resolve("inventory-service.log");
        Files.writeString(log, "java.net.BindException: Address already in use\n"); // a start before this one
        ManagedProcess process = start("inventory-service", List.of("sh", "-c", "echo 'out of memory'; exit 3"), log);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> process.awaitReady(Duration.ofSeconds(30), () -> false, "ready"));
        assertFalse(failure instanceof PortTakenException, failure.getMessage());
    }

    @Test
    void retry_starts_again_after_clearing_up_until_a_start_succeeds() {
        AtomicInteger starts = new AtomicInteger();
        List<String> cleared = new ArrayList<>();

        String running = PortTakenException.retry(3, () -> {
            if (starts.incrementAndGet() < 3) {
                throw new PortTakenException("port 2000" + starts.get() + " taken");
            }
            return "running";
        }, taken -> cleared.add(taken.getMessage()));

        assertEquals("running", running);
        assertEquals(List.of("port 20001 taken", "port 20002 taken"), cleared);
    }

    @Test
    void retry_gives_up_after_its_attempts_and_never_retries_another_failure() {
        AtomicInteger starts = new AtomicInteger();
        PortTakenException last = assertThrows(PortTakenException.class, () -> PortTakenException.retry(2, () -> {
            throw new PortTakenException("taken " + starts.incrementAndGet());
        }, taken -> { }));
        assertEquals("taken 2", last.getMessage());

        IllegalStateException other = new IllegalStateException("the database refused");
        AtomicInteger tries = new AtomicInteger();
        assertSame(other, assertThrows(IllegalStateException.class, () -> PortTakenException.retry(3, () -> {
            tries.incrementAndGet();
            throw other;
        }, taken -> { })));
        assertEquals(1, tries.get());
        assertInstanceOf(IllegalArgumentException.class, assertThrows(RuntimeException.class,
                () -> PortTakenException.retry(0, () -> "x", taken -> { })));
    }

    private ManagedProcess start(String name, List<String> command, Path log) {
        ManagedProcess process = ManagedProcess.start(name, command, Map.of(), log, ledger, "TERM", Duration.ofSeconds(5));
        started.add(process);
        return process;
    }
}
