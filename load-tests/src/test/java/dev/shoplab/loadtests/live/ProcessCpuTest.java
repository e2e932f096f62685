package dev.shoplab.loadtests.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The CPU figures of the live lab ({@code cpu}, {@code cpuMsPerOrder}) read from /proc: this JVM as the process. */
@EnabledOnOs(OS.LINUX)
class ProcessCpuTest {

    private static final long T0 = 1_800_000_000_000L; // an epoch second's first millisecond

    @Test
    void counts_the_cpu_a_process_used_between_samples_within_the_window() {
        ProcessCpu cpu = new ProcessCpu(() -> List.of(ProcessHandle.current().pid()));
        cpu.sample(T0);
        long used = busyFor(400);
        cpu.sample(T0 + 1_000);

        ProcessCpu.Window window = cpu.window(T0 / 1000 + 1, 10);
        assertEquals(1.0, window.seconds(), 1e-9, "the samples are one second apart");
        assertTrue(window.cpuSeconds() >= 0.2 && window.cpuSeconds() <= 5, "this thread burned ≈ " + used
                + " ms of CPU; counted " + window.cpuSeconds() + " s");
        assertEquals(window.cpuSeconds(), window.cores(), 1e-9, "CPU-seconds per second of wall clock");

        ProcessCpu.Window later = cpu.window(T0 / 1000 + 30, 10);
        assertEquals(0, later.seconds(), "no sample falls in a window 20 s later");
        assertEquals(0, later.cores());
    }

    @Test
    void a_process_that_is_gone_counts_nothing() {
        ProcessCpu cpu = new ProcessCpu(() -> List.of(Long.MAX_VALUE / 2));
        cpu.sample(T0);
        cpu.sample(T0 + 1_000);
        assertEquals(0, cpu.window(T0 / 1000 + 1, 10).cpuSeconds());
    }

    /** Keeps this thread busy for about {@code millis} ms of CPU time; returns the CPU ms it used. */
    private static long busyFor(long millis) {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = bean.getCurrentThreadCpuTime();
        long x = 0;
        while (bean.getCurrentThreadCpuTime() - start < millis * 1_000_000) {
            x += Long.numberOfTrailingZeros(x + 17);
        }
        return (bean.getCurrentThreadCpuTime() - start) / 1_000_000 + (x & 0);
    }
}
