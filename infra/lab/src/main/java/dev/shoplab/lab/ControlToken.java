package dev.shoplab.lab;

import dev.shoplab.lab.process.ProcessLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret that every admin and control endpoint of what the lab runs asks for (the architectures'
 * {@code /admin}, the simulators' faults, ledgers and reset, the mesh's policies), as
 * {@code Authorization: Bearer <token>} (RFC 6750); a request without it, or with another, gets 401.
 * Loopback binding alone keeps out other machines, not other users of this one nor a web page's request to
 * localhost (docs/adr/0012-control-token.md).
 *
 * <p>The token is kept in {@code <state>/control-token}, readable by its owner only (mode 0600), so that a
 * second terminal of the same user can drive what the first one runs. It stays the same while any lab
 * command of the checkout runs, and is new when none does. Processes get it in the environment variable
 * {@value #ENVIRONMENT}, never on their command line (which every user can read in {@code ps}).
 */
public final class ControlToken {

    /** The environment variable that hands the token to a started process; Quarkus reads it as {@code shoplab.control-token}. */
    public static final String ENVIRONMENT = "SHOPLAB_CONTROL_TOKEN";
    /** The file name of the token in the state folder. */
    public static final String FILE = "control-token";

    private static final Map<Path, ControlToken> OF_THIS_JVM = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ControlToken(String value) {
        this.value = value;
    }

    /**
     * The token of the lab at {@code home}, the same for every call in this JVM: the one in the state folder
     * when another lab command of the checkout is running, otherwise a new one (256 random bits) written there.
     *
     * @throws UncheckedIOException when the state folder cannot be written
     */
    public static ControlToken of(LabHome home) {
        return OF_THIS_JVM.computeIfAbsent(home.stateDir(), dir -> acquire(home));
    }

    /**
     * A token the user gives: the one a deployment elsewhere was started with (a cluster's Secret), for the
     * bench to drive it.
     *
     * @throws IllegalArgumentException when it is blank
     */
    public static ControlToken given(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The control token is empty: give the token the deployment was started "
                    + "with (on Kubernetes, the Secret shoplab's key control-token).");
        }
        return new ControlToken(value.strip());
    }

    /** The token as sent in {@code Authorization}: {@code Bearer <token>}. */
    public String bearer() {
        return "Bearer " + value;
    }

    /**
     * Whether an {@code Authorization} header value (null when absent) carries this token: {@code Bearer <token>},
     * the scheme in any case (RFC 9110 §11.1), the token exactly. The comparison takes the same time wherever two
     * tokens differ ({@link MessageDigest#isEqual}).
     */
    public boolean isCarriedBy(String authorization) {
        if (authorization == null) {
            return false;
        }
        String presented = authorization.trim();
        String written = presented.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + presented.substring(7) : presented;
        return MessageDigest.isEqual(bearer().getBytes(StandardCharsets.UTF_8), written.getBytes(StandardCharsets.UTF_8));
    }

    /** The token itself, for a process's environment or a test's request. */
    public String value() {
        return value;
    }

    /** The environment that hands the token to a started process. */
    public Map<String, String> environment() {
        return Map.of(ENVIRONMENT, value);
    }

    /** Never the secret itself: this ends up in logs. */
    @Override
    public String toString() {
        return "control token (" + FILE + ")";
    }

    /** Reads or writes the token; {@link #of} keeps what this returns for the rest of the JVM. */
    static ControlToken acquire(LabHome home) {
        Path dir = home.stateDir();
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            try (FileChannel lock = FileChannel.open(dir.resolve(FILE + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                ProcessLedger ledger = new ProcessLedger(home.pidDir());
                if (Files.isRegularFile(file) && aCommandRuns(ledger)) {
                    String kept = Files.readString(file).trim();
                    if (!kept.isEmpty()) {
                        ledger.markOwner();
                        return new ControlToken(kept);
                    }
                }
                byte[] bits = new byte[32];
                RANDOM.nextBytes(bits);
                String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
                Path written = Files.createTempFile(dir, FILE, ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(written, fresh + "\n");
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                ledger.markOwner();
                return new ControlToken(fresh);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the control token in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether a lab command runs: one that marked itself (this JVM too, if it did before), or one that runs a process. */
    private static boolean aCommandRuns(ProcessLedger ledger) {
        return !ledger.liveOwners().isEmpty() || ledger.all().stream().anyMatch(p -> p.ownerAlive() && p.live().isPresent());
    }
}
