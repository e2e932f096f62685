package dev.shoplab.lab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The service JVMs' JIT is chosen by name, the same for every service (ADR 0010); heaps start small (ADR 0020). */
class ServiceJvmTest {

    @Test
    void c1_stops_at_level_one_and_tiered_keeps_the_jvm_default() {
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), ServiceJvm.Jit.parse("c1").flags());
        assertTrue(ServiceJvm.Jit.parse("tiered").flags().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceJvm.Jit.parse("c2"));
        assertTrue(e.getMessage().contains("use c1 or tiered"), e.getMessage());
    }

    /** The lab's own flags, before what SHOPLAB_JVM_OPTS may add. */
    private static List<String> ownFlags() {
        List<String> command = ServiceJvm.command("64m");
        return command.subList(0, command.indexOf("-XX:+ExitOnOutOfMemoryError"));
    }

    @Test
    void the_chosen_jit_is_in_every_service_command_line() {
        String was = System.getProperty(ServiceJvm.JIT_PROPERTY);
        try {
            System.setProperty(ServiceJvm.JIT_PROPERTY, "tiered");
            assertFalse(ownFlags().contains("-XX:TieredStopAtLevel=1"));
            System.setProperty(ServiceJvm.JIT_PROPERTY, "c1");
            assertTrue(ownFlags().contains("-XX:TieredStopAtLevel=1"));
        } finally {
            if (was == null) {
                System.clearProperty(ServiceJvm.JIT_PROPERTY);
            } else {
                System.setProperty(ServiceJvm.JIT_PROPERTY, was);
            }
        }
    }

    @Test
    void a_heap_starts_small_and_grows_to_its_maximum() {
        assertEquals(List.of("-Xms24m", "-Xmx96m"), ServiceJvm.flags("96m").subList(0, 2));
        // a heap smaller than the initial size starts whole: -Xms above -Xmx would stop the JVM from starting
        assertEquals(List.of("-Xms16m", "-Xmx16m"), ServiceJvm.flags("16m").subList(0, 2));
        assertEquals(List.of("-Xms24m", "-Xmx1g"), ServiceJvm.flags("1g").subList(0, 2));
    }
}
