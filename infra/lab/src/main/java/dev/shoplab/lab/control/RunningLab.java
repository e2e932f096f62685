package dev.shoplab.lab.control;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.seed.CatalogueSeed;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a foreground lab command ({@code up}, {@code demo}) runs, handed to a {@link LabControl} so that it can be
 * driven from a second terminal or a page: the run, the infrastructure under it, the architectures in report order
 * and the catalogue they were seeded with (the audit compares stock with it).
 *
 * @param command       how the command was called, for {@code status} and the control file: {@code up monolith}
 * @param run           the command's run (its folder, ledger and control token)
 * @param stack         PostgreSQL, Kafka (when started) and the provider simulators
 * @param architectures the architectures it started, each with its descriptor
 * @param seed          the catalogue every architecture was seeded with
 * @param console       the command's terminal: the control API tells it what happens (faults on and off, load)
 */
public record RunningLab(String command, LabRun run, InfraStack stack, List<Started> architectures,
                         CatalogueSeed seed, Consumer<String> console) {

    /** One started architecture: its descriptor (name, audit queries) and the running processes. */
    public record Started(Architecture architecture, RunningArchitecture running) {

        public String name() {
            return architecture.name();
        }
    }

    public RunningLab {
        architectures = List.copyOf(architectures);
    }
}
