package dev.shoplab.lab.process;

import dev.shoplab.lab.infra.KafkaBroker;
import java.util.ArrayList;
import java.util.List;

/**
 * How the lab starts the JVM of every service it runs (the architectures' services, the simulators, the
 * mesh): the same settings for all, so that no architecture gets a better JVM than another.
 *
 * <ul>
 *   <li>Serial GC: one collector thread, small heaps; the machine has two cores for up to nine JVMs.</li>
 *   <li>C1 only ({@code -XX:TieredStopAtLevel=1}): C2 keeps compiling for minutes under load and its
 *       compiler threads took half a core per JVM in the bench's first minutes, so a short run measured the
 *       JIT, not the architecture, and an architecture of four JVMs paid it four times. C1 code reaches its
 *       steady state within seconds (see docs/adr/0010-bench-warm-up-and-jit.md).</li>
 *   <li>{@code SHOPLAB_JVM_OPTS} (environment) is appended last, so it can override any of these, for
 *       example {@code SHOPLAB_JVM_OPTS=-XX:TieredStopAtLevel=4} to measure with C2.</li>
 * </ul>
 */
public final class ServiceJvm {

    /** The environment variable whose whitespace-separated flags are added to every service JVM. */
    public static final String EXTRA_OPTIONS = "SHOPLAB_JVM_OPTS";

    private ServiceJvm() {
    }

    /**
     * The JVM flags of every service, for a heap of {@code heap} ({@code 192m}), without {@value #EXTRA_OPTIONS}:
     * also what a cluster's pods run with ({@code JAVA_TOOL_OPTIONS} in infra/k8s, checked against this).
     */
    public static List<String> flags(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    }

    /** The start of a service's command line: the java executable and the JVM flags, for a heap of {@code heap}. */
    public static List<String> command(String heap) {
        List<String> command = new ArrayList<>();
        command.add(KafkaBroker.javaExecutable());
        command.addAll(flags(heap));
        String extra = System.getenv(EXTRA_OPTIONS);
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        return command;
    }
}
