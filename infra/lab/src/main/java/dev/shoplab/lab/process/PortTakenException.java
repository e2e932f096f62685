package dev.shoplab.lab.process;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A process died before it was ready because a port it was to listen on was taken. The lab picks its ports free
 * ({@link dev.shoplab.lab.infra.FreePorts}), but another program on the machine — a second lab, a build's test
 * servers — can bind one between that pick and the process's own bind, seconds later (a JVM starting). The
 * process served nothing; what its start-up did before the bind (Quarkus migrates its database first) is for the
 * caller to clear before it starts again on other ports (the bench drops and creates the run's databases and topics).
 */
public final class PortTakenException extends IllegalStateException {

    /**
     * What the processes the lab starts write when their bind fails: the JDK's {@code BindException} and Netty's
     * native transport ({@code Address already in use}, also PostgreSQL's and Kafka's wording), and Quarkus's own
     * line for it ({@code ApplicationLifecycleManager}: "Port N seems to be in use by another process").
     */
    private static final List<String> SIGNS = List.of("Address already in use", "seems to be in use by another process");

    public PortTakenException(String message) {
        super(message);
    }

    /**
     * Runs {@code start}, and again after {@code beforeAgain} (which clears what the failed start left) while it fails
     * with this exception, {@code attempts} times at most; {@code start} picks its ports anew each time.
     *
     * @param attempts at least 1
     * @throws PortTakenException the last attempt's, when every attempt found a port taken
     */
    public static <T> T retry(int attempts, Supplier<T> start, Consumer<PortTakenException> beforeAgain) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (PortTakenException e) {
                if (attempt == attempts) {
                    throw e;
                }
                beforeAgain.accept(e);
            }
        }
    }

    /** True when {@code output}, what a process wrote before it died, says a port it wanted was taken. */
    static boolean shownBy(String output) {
        return SIGNS.stream().anyMatch(output::contains);
    }
}
