package dev.shoplab.lab.process;

import dev.shoplab.lab.infra.KafkaBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the lab starts the JVM of every service it runs (the architectures' services, the simulators, the
 * mesh): the same settings for all, so that no architecture gets a better JVM than another.
 *
 * <ul>
 *   <li>Serial GC: one collector thread, small heaps; the machine has two cores for up to nine JVMs.</li>
 *   <li>A heap that starts at {@value #INITIAL_HEAP_MB} MB ({@code -Xms}) and grows to the service's {@code -Xmx} as
 *       its load needs: the JVM's ergonomics would start it at 1/64 of the machine's memory (384 MB on a 24-GB
 *       machine, so the whole {@code -Xmx}), and the serial collector never gives back a heap below its initial
 *       size, so what a burst touched stayed resident (docs/adr/0020-service-jvm-memory.md, addendum).</li>
 *   <li>C1 only ({@code -XX:TieredStopAtLevel=1}) by default ({@link Jit}, chosen with the system property
 *       {@value #JIT_PROPERTY}): C2 keeps compiling for minutes under load and its compiler threads took half a
 *       core per JVM in the bench's first minutes, so a short run measured the JIT, not the architecture, and an
 *       architecture of four JVMs paid it four times. C1 code reaches its steady state within seconds (see
 *       docs/adr/0010-bench-warm-up-and-jit.md).</li>
 *   <li>{@code SHOPLAB_JVM_OPTS} (environment) is appended last, so it can override any of these, for
 *       example {@code SHOPLAB_JVM_OPTS=-XX:TieredStopAtLevel=4} to measure with C2.</li>
 * </ul>
 */
public final class ServiceJvm {

    /** The environment variable whose whitespace-separated flags are added to every service JVM. */
    public static final String EXTRA_OPTIONS = "SHOPLAB_JVM_OPTS";
    /** The system property that chooses the JIT of the service JVMs ({@link Jit}); the bench's {@code --jit} sets it. */
    public static final String JIT_PROPERTY = "shoplab.jit";

    /** Which just-in-time compilers the service JVMs use (docs/adr/0010-bench-warm-up-and-jit.md). */
    public enum Jit {
        /** C1 only ({@code -XX:TieredStopAtLevel=1}): steady within seconds, no C2 compiler thread. */
        C1("c1", List.of("-XX:TieredStopAtLevel=1")),
        /** The JVM's default tiered compilation: C1 first, then C2 for hot code; needs a longer warm-up. */
        TIERED("tiered", List.of());

        private final String cliName;
        private final List<String> flags;

        Jit(String cliName, List<String> flags) {
            this.cliName = cliName;
            this.flags = flags;
        }

        /** The name on the command line and in reports: {@code c1} or {@code tiered}. */
        public String cliName() {
            return cliName;
        }

        /** The JVM flags that choose it. */
        public List<String> flags() {
            return flags;
        }

        /** The JIT named {@code name} ({@code c1}, {@code tiered}). */
        public static Jit parse(String name) {
            for (Jit j : values()) {
                if (j.cliName.equals(name)) {
                    return j;
                }
            }
            throw new IllegalArgumentException("Unknown JIT '" + name + "': use c1 or tiered");
        }
    }

    /**
     * The initial heap of every service, in MB (capped at its {@code -Xmx}): about what a service's live set is
     * after its start (the monolith's is 32 MB after load, ADR 0020).
     */
    public static final int INITIAL_HEAP_MB = 24;

    private static final Pattern MEGABYTES = Pattern.compile("(\\d+)[mM]");

    /** The JIT the lab uses when nothing chooses another. */
    public static final Jit DEFAULT_JIT = Jit.C1;

    private ServiceJvm() {
    }

    /** The JIT chosen for this process's service JVMs: {@link #JIT_PROPERTY}, else {@link #DEFAULT_JIT}. */
    public static Jit jit() {
        String chosen = System.getProperty(JIT_PROPERTY);
        return chosen == null || chosen.isBlank() ? DEFAULT_JIT : Jit.parse(chosen.trim());
    }

    /**
     * The JVM flags of every service with the {@link #DEFAULT_JIT}, for a heap of {@code heap} ({@code 192m}), without
     * {@value #EXTRA_OPTIONS}: also what a cluster's pods run with ({@code JAVA_TOOL_OPTIONS} in infra/k8s, checked
     * against this).
     */
    public static List<String> flags(String heap) {
        return flags(heap, DEFAULT_JIT);
    }

    /** The JVM flags of every service, for a heap of {@code heap} and the JIT {@code jit}. */
    public static List<String> flags(String heap, Jit jit) {
        List<String> flags = new ArrayList<>(List.of("-Xms" + initialHeap(heap), "-Xmx" + heap, "-XX:+UseSerialGC"));
        flags.addAll(jit.flags());
        flags.add("-XX:+ExitOnOutOfMemoryError");
        return List.copyOf(flags);
    }

    /** {@link #INITIAL_HEAP_MB} as a JVM size, or {@code heap} itself when that is smaller (given in MB, {@code 16m}). */
    private static String initialHeap(String heap) {
        Matcher mb = MEGABYTES.matcher(heap);
        return mb.matches() && Integer.parseInt(mb.group(1)) < INITIAL_HEAP_MB ? heap : INITIAL_HEAP_MB + "m";
    }

    /** The start of a service's command line: the java executable and the JVM flags, for a heap of {@code heap}. */
    public static List<String> command(String heap) {
        List<String> command = new ArrayList<>();
        command.add(KafkaBroker.javaExecutable());
        command.addAll(flags(heap, jit()));
        String extra = System.getenv(EXTRA_OPTIONS);
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        return command;
    }
}
