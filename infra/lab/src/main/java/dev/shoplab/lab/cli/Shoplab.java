package dev.shoplab.lab.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./shoplab} command line: the one entry point of the lab. */
@Command(name = "shoplab", mixinStandardHelpOptions = true, version = "shoplab 1.0.0-SNAPSHOT",
        description = {"One shop, three architectures, one harness that measures them side by side.", ""},
        subcommands = {InfraCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run './shoplab COMMAND --help' for the options of a command."})
public final class Shoplab implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // The libraries the lab drives (zonky, the Kafka admin client) log at INFO; a user wants warnings only.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * A wrong argument: what is wrong, the closest valid words, the commands there are (for an unknown one) and where
     * the options are listed, in a few lines instead of picocli's whole usage, which scrolls the error out of sight.
     * Exit code 2, picocli's for invalid input.
     */
    private static int wrongArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getColorScheme().errorText(e.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err) && e instanceof
                CommandLine.UnmatchedArgumentException && !command.getSubcommands().isEmpty()) {
            err.println("Commands: " + String.join(", ", command.getSubcommands().keySet()));
        }
        err.println("See './" + command.getCommandSpec().qualifiedName() + " --help' for what it takes.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Shoplab());
        for (CommandContribution contribution : ServiceLoader.load(CommandContribution.class)) {
            cli.addSubcommand(contribution.command());
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Shoplab::wrongArguments);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (Foreground.stopping()) {
                // stopped while starting: the processes it was waiting for were stopped, which is no error to report
                commandLine.getErr().println("shoplab: stopped (Ctrl-C or SIGTERM) before it was done");
                return 130;
            }
            commandLine.getErr().println(commandLine.getColorScheme().errorText("shoplab: " + e.getMessage()));
            if (Boolean.getBoolean("shoplab.debug")) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set SHOPLAB_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return cli;
    }
}
