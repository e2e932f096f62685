package dev.shoplab.lab.cli;

import picocli.CommandLine.Command;

/** {@code shoplab infra …}: the dependencies every architecture needs, on their own. */
@Command(name = "infra", mixinStandardHelpOptions = true,
        description = "PostgreSQL, Kafka and the provider simulators (PSP, mail), without any architecture.",
        subcommands = {InfraUpCommand.class})
final class InfraCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: use 'shoplab infra up' (see 'shoplab infra --help').");
    }
}
