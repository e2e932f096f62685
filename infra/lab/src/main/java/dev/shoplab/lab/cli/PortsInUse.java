package dev.shoplab.lab.cli;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether the ports a lab command is about to listen on are free, and if not, who holds them — the check
 * {@code up} and {@code demo} make before they start anything. Another lab command of the same checkout that
 * described those ports ({@value #KEY} in its {@link ProcessLedger#describeOwner description}) is named, also while
 * it is still starting and has bound none of them yet: a second {@code ./shoplab demo}, typed because the first
 * printed nothing for a minute, must not start a second stack whose edge loses the race for port 8080 and whose
 * readiness check then reaches the first one's.
 */
public final class PortsInUse {

    /** The key under which {@code up} and {@code demo} describe their ports: comma-separated numbers. */
    public static final String KEY = "ports";

    private PortsInUse() {
    }

    /** {@code ports} as a description's value of {@value #KEY}. */
    static String describe(Collection<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * Claims {@code ports} for this command: unless {@link #why} finds them taken, adds them to {@code description}
     * (under {@value #KEY}) and describes this command with it in the ledger — both under a lock of the checkout's ledger, so that of two
     * commands started at the same moment (both waiting for one build, say) the second sees the first's claim — and
     * keeps this JVM's own port picks off them ({@link FreePorts#reserve}).
     *
     * @return why the ports cannot be had (nothing claimed), or empty when they are now this command's
     */
    public static Optional<String> claim(LabHome home, List<Integer> ports, String otherPorts,
                                         Map<String, String> description) {
        try {
            Files.createDirectories(home.pidDir());
            try (FileChannel lock = FileChannel.open(home.pidDir().resolve("ports.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                Optional<String> why = why(home, ports, otherPorts);
                if (why.isEmpty()) {
                    description.put(KEY, describe(ports));
                    new ProcessLedger(home.pidDir()).describeOwner(description);
                    FreePorts.reserve(ports); // nor does a service this command starts first pick one of them
                }
                return why;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot claim ports " + ports + " in " + home.pidDir(), e);
        }
    }

    /**
     * Why the command cannot listen on {@code ports}, or empty when it can. Called before the command describes its
     * own ports.
     *
     * @param otherPorts the options that choose other ports, as the refusal names them ({@code --port})
     */
    public static Optional<String> why(LabHome home, List<Integer> ports, String otherPorts) {
        ProcessLedger ledger = new ProcessLedger(home.pidDir());
        for (long owner : ledger.liveOwners()) {
            Map<String, String> said = ledger.ownerDescription(owner);
            List<Integer> claimed = Arrays.stream(said.getOrDefault(KEY, "").split(",")).filter(p -> p.matches("\\d+"))
                    .map(Integer::valueOf).toList();
            Optional<Integer> shared = ports.stream().filter(claimed::contains).findFirst();
            if (shared.isPresent() && said.containsKey(ProcessLedger.STOPPING)) {
                return Optional.of("'./shoplab " + said.getOrDefault("command", "?") + "' (pid " + owner + ") is stopping"
                        + " and still holds port " + shared.get() + ": try again once it has stopped what it started"
                        + " (./shoplab status shows it until then).");
            }
            if (shared.isPresent()) {
                boolean ready = said.containsKey("page") || said.containsKey("edge");
                String where = said.containsKey("page") ? " (its page: " + said.get("page") + ")"
                        : said.containsKey("edge") ? " (its edge: " + said.get("edge") + ")" : "";
                return Optional.of("'./shoplab " + said.getOrDefault("command", "?") + "' (pid " + owner + ") "
                        + (ready ? "runs" : "is starting") + " on port " + shared.get() + where + ": use that one"
                        + (ready ? "" : " once it is ready") + ", or stop it first (Ctrl-C in its terminal, or kill -TERM "
                        + owner + "); ./shoplab status shows it.");
            }
        }
        for (int port : ports) {
            if (FreePorts.listening(port)) {
                return Optional.of("port " + port + " is already in use on 127.0.0.1: stop what listens there"
                        + " (./shoplab status shows the lab's own) or choose " + otherPorts + ".");
            }
        }
        return Optional.empty();
    }
}
