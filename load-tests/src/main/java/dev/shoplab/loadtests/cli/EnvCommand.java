package dev.shoplab.loadtests.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.cli.CommandContribution;
import dev.shoplab.loadtests.control.ControlClient;
import dev.shoplab.loadtests.control.ControlFile;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
                "Load them into your shell with:  eval \"$(./shoplab env)\"",
                "Those it does not set (an architecture that does not run; all of them when nothing runs) it "
                        + "unsets, so that no value an earlier eval left behind passes for the running lab's."})
public final class EnvCommand implements Callable<Integer> {

    /**
     * Every variable this command may set: an architecture's only while it runs, Kafka's and the mesh's only where
     * they run. Those it does not set it unsets ({@code unset …}, all of them when nothing runs), so that a value an
     * earlier {@code eval} left in the shell — another lab's edge, a stopped lab's ports — never passes for the
     * running lab's. The lab pages guard each one they use (docs/labs/README.md, "Writing a lab").
     */
    public static final List<String> VARIABLES = List.of("SHOPLAB_CONTROL", "SHOPLAB_AUTH", "SHOPLAB_LOGS",
            "MONOLITH", "DISTRIBUTED_MONOLITH", "EVENT_DRIVEN", "MESH_ADMIN", "SIMULATORS_ADMIN", "PSP_SIMULATOR",
            "MAIL_SIMULATOR", "KAFKA", "PGHOST", "PGPORT", "PGUSER");

    @Option(names = "--arch", paramLabel = "A", description = "The lab command that runs this architecture, when "
            + "several run.")
    String arch;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LabVerb.checkArchitecture(spec, Optional.ofNullable(arch));
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
            Set<String> exported = new LinkedHashSet<>();
            export(out, exported, "SHOPLAB_CONTROL", target.url());
            export(out, exported, "SHOPLAB_AUTH", "Authorization: Bearer " + client.token());
            export(out, exported, "SHOPLAB_LOGS", state.path("logs").asText());
            for (JsonNode a : state.path("architectures")) {
                export(out, exported, a.path("name").asText().toUpperCase(Locale.ROOT).replace('-', '_'),
                        a.path("edge").asText());
                if (a.hasNonNull("meshAdmin")) {
                    export(out, exported, "MESH_ADMIN", a.path("meshAdmin").asText());
                }
            }
            JsonNode infra = state.path("infrastructure");
            // not MAIL: a shell keeps its mailbox there, and an unset of it would be a surprise
            exportFields(out, exported, infra, "SIMULATORS_ADMIN", "simulatorsAdmin", "PSP_SIMULATOR", "psp",
                    "MAIL_SIMULATOR", "mail", "KAFKA", "kafka");
            // libpq's own variables: psql -d monolith needs no flag
            exportFields(out, exported, infra.path("postgres"), "PGHOST", "host", "PGPORT", "port", "PGUSER", "user");
            unsetAllBut(out, exported);
            out.flush();
            return 0;
        } catch (ControlClient.NothingRuns e) {
            unsetAllBut(out, Set.of()); // an eval of this leaves no earlier lab's values behind for a page's guards
            out.flush();
            err.println("shoplab env: " + e.getMessage());
            return 2;
        } catch (ControlClient.Refused e) {
            unsetAllBut(out, Set.of());
            out.flush();
            err.println("shoplab env: " + e.getMessage());
            return e.status() < 500 ? 2 : 1;
        }
    }

    /** An export per pair of {@code NAME, field} of {@code node} that the node has (Kafka runs only for some labs). */
    private static void exportFields(PrintWriter out, Set<String> exported, JsonNode node, String... namesAndFields) {
        for (int i = 0; i < namesAndFields.length; i += 2) {
            if (node.hasNonNull(namesAndFields[i + 1])) {
                export(out, exported, namesAndFields[i], node.path(namesAndFields[i + 1]).asText());
            }
        }
    }

    /** One {@code unset} line for every name of {@link #VARIABLES} not in {@code exported}; nothing if none. */
    private static void unsetAllBut(PrintWriter out, Set<String> exported) {
        List<String> stale = VARIABLES.stream().filter(v -> !exported.contains(v)).toList();
        if (!stale.isEmpty()) {
            out.println("unset " + String.join(" ", stale));
        }
    }

    /** One {@code export NAME='value'} line, quoted for any POSIX shell. */
    private static void export(PrintWriter out, Set<String> exported, String name, String value) {
        exported.add(name);
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
