package dev.shoplab.loadtests.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.cli.CommandContribution;
import dev.shoplab.loadtests.control.ControlClient;
import dev.shoplab.loadtests.control.ControlFile;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shoplab env}: where the running lab's parts answer, as shell variables, so that {@code curl} and {@code psql}
 * in a second terminal reach them without copying ports by hand: {@code eval "$(./shoplab env)"}. Read from the
 * control API's state ({@code GET /api/lab}, docs/control-api.md).
 */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Print where what './shoplab up' or './shoplab demo' runs answers, as shell variables: each "
                + "architecture's public API (MONOLITH, DISTRIBUTED_MONOLITH, EVENT_DRIVEN), the mesh's admin API, the "
                + "simulators, Kafka, PostgreSQL for psql (PGHOST, PGPORT, PGUSER), the run's logs and the control API "
                + "with its token (SHOPLAB_CONTROL, SHOPLAB_AUTH).",
                "Load them into your shell with:  eval \"$(./shoplab env)\""})
public final class EnvCommand implements Callable<Integer> {

    /**
     * Every variable this command prints, in the order it prints them: an architecture's only while it runs, Kafka's
     * and the mesh's only where they run. The lab pages guard each one they use (docs/labs/README.md, "Writing a
     * lab"); a name printed but missing here stops the command, so the labs' tests, which run it, catch it.
     */
    public static final List<String> VARIABLES = List.of("SHOPLAB_CONTROL", "SHOPLAB_AUTH", "SHOPLAB_LOGS",
            "MONOLITH", "DISTRIBUTED_MONOLITH", "EVENT_DRIVEN", "MESH_ADMIN", "SIMULATORS_ADMIN", "PSP", "MAIL", "KAFKA",
            "PGHOST", "PGPORT", "PGUSER");

    @Option(names = "--arch", paramLabel = "A", description = "The lab command that runs this architecture, when "
            + "several run.")
    String arch;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ControlClient client = new ControlClient(LabHome.locate());
        try {
            List<ControlFile> targets = client.targets(Optional.ofNullable(arch));
            ControlFile target = targets.get(0);
            JsonNode state = client.call(target, "GET", "/api/lab", null);
            out.println("# ./shoplab " + target.command() + " (pid " + target.pid() + "); load into your shell with: "
                    + "eval \"$(./shoplab env)\"");
            for (ControlFile other : targets.subList(1, targets.size())) {
                out.println("# also running: ./shoplab " + other.command() + " (pid " + other.pid()
                        + "): ./shoplab env --arch " + other.architectures().get(0));
            }
            export(out, "SHOPLAB_CONTROL", target.url());
            export(out, "SHOPLAB_AUTH", "Authorization: Bearer " + client.token());
            export(out, "SHOPLAB_LOGS", state.path("logs").asText());
            for (JsonNode a : state.path("architectures")) {
                export(out, a.path("name").asText().toUpperCase(Locale.ROOT).replace('-', '_'), a.path("edge").asText());
                if (a.hasNonNull("meshAdmin")) {
                    export(out, "MESH_ADMIN", a.path("meshAdmin").asText());
                }
            }
            JsonNode infra = state.path("infrastructure");
            exportFields(out, infra, "SIMULATORS_ADMIN", "simulatorsAdmin", "PSP", "psp", "MAIL", "mail", "KAFKA", "kafka");
            // libpq's own variables: psql -d monolith needs no flag
            exportFields(out, infra.path("postgres"), "PGHOST", "host", "PGPORT", "port", "PGUSER", "user");
            out.flush();
            return 0;
        } catch (ControlClient.NothingRuns e) {
            err.println("shoplab env: " + e.getMessage());
            return 2;
        } catch (ControlClient.Refused e) {
            err.println("shoplab env: " + e.getMessage());
            return e.status() < 500 ? 2 : 1;
        }
    }

    /** An export per pair of {@code NAME, field} of {@code node} that the node has (Kafka runs only for some labs). */
    private static void exportFields(PrintWriter out, JsonNode node, String... namesAndFields) {
        for (int i = 0; i < namesAndFields.length; i += 2) {
            if (node.hasNonNull(namesAndFields[i + 1])) {
                export(out, namesAndFields[i], node.path(namesAndFields[i + 1]).asText());
            }
        }
    }

    /** One {@code export NAME='value'} line, quoted for any POSIX shell. */
    private static void export(PrintWriter out, String name, String value) {
        if (!VARIABLES.contains(name)) {
            throw new IllegalStateException(name + " is not in EnvCommand.VARIABLES, which the lab pages' guards follow");
        }
        out.println("export " + name + "='" + value.replace("'", "'\\''") + "'");
    }

    /** Registers {@code env} with {@code ./shoplab}. */
    public static final class Contribution implements CommandContribution {
        @Override
        public Object command() {
            return new EnvCommand();
        }
    }
}
