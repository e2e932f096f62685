package dev.shoplab.lab.cli;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.util.List;
import java.util.Optional;

/**
 * Processes that other lab commands of this checkout run (an {@code ./shoplab up} left open in another terminal, a
 * demo on other ports): on a small machine they take CPU from a command that starts another stack, so {@code bench},
 * {@code up} and {@code demo} say so before they start one.
 */
public final class OtherLabCommands {

    private OtherLabCommands() {
    }

    /**
     * One line for the console when processes of other lab commands run, naming them; empty when none does.
     *
     * @param competitor what they compete with for CPU ("the bench", "this demo")
     */
    public static Optional<String> warning(LabHome home, String competitor) {
        List<OwnedProcess> others = new ProcessLedger(home.pidDir()).all().stream()
                .filter(p -> p.live().isPresent() && p.ownerAlive()).toList(); // a gone owner's are reaped, not running
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("warning: " + others.size() + " process(es) of other lab commands are running ("
                + String.join(", ", others.stream().map(p -> p.name() + " pid " + p.pid()).toList())
                + "); they compete with " + competitor + " for CPU. './shoplab status' shows them, './shoplab down' "
                + "stops them.");
    }
}
