package dev.shoplab.loadtests.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.lab.cli.CommandContribution;
import dev.shoplab.loadtests.control.ControlClient;
import dev.shoplab.loadtests.control.ControlFile;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shoplab load}: starts, changes or stops the open-model load of the running lab. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Start, change or stop the load on what './shoplab up' or './shoplab demo' runs: orders arrive"
                + " at the rate whatever the system does (an open model), each followed to its outcome.",
                "Examples: ./shoplab load --rate 5    ./shoplab load --rate 20 --arch monolith    ./shoplab load --stop"})
public final class LoadCommand extends LabVerb {

    @Option(names = "--rate", paramLabel = "R", description = "Orders per second (0 < R <= 500).")
    Double rate;

    @Option(names = "--stop", description = "Stop offering orders (orders in flight are still followed).")
    boolean stop;

    @Option(names = "--arch", paramLabel = "A", description = "Only this architecture (default: every one that runs).")
    String arch;

    @Option(names = "--no-idempotency-keys", description = "Send orders without an Idempotency-Key header.")
    boolean noKeys;

    @Option(names = "--client-retries", paramLabel = "N", defaultValue = "0",
            description = "Retries of a POST after a timeout, a transport error or a 5xx, with the same key "
                    + "(default: ${DEFAULT-VALUE}).")
    int clientRetries;

    @Option(names = "--request-timeout", paramLabel = "S", defaultValue = "10", converter = Seconds.class,
            description = "Seconds a client waits for one answer (10, 10s or 1m; default: ${DEFAULT-VALUE}).")
    int requestTimeout;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    Optional<String> architecture() {
        return Optional.ofNullable(arch);
    }

    @Override
    public Integer call() {
        if (stop == (rate != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either --rate R or --stop");
        }
        if (rate != null && !(rate > 0 && rate <= 500)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be above 0 and at most 500"
                    + " orders/s, not " + rate + " (--stop stops the load)");
        }
        return super.call();
    }

    @Override
    void run(ControlClient client, ControlFile target, PrintWriter out) {
        JsonNode state;
        if (stop) {
            state = client.call(target, "DELETE", "/api/lab/load" + (arch == null ? "" : "?arch=" + arch), null);
        } else {
            ObjectNode body = JSON.createObjectNode().put("rate", rate).put("idempotencyKeys", !noKeys)
                    .put("clientRetries", clientRetries).put("requestTimeoutSeconds", requestTimeout);
            if (arch != null) {
                body.putArray("architectures").add(arch);
            }
            state = client.call(target, "PUT", "/api/lab/load", body.toString());
        }
        for (JsonNode a : state.path("architectures")) {
            JsonNode load = a.path("load");
            out.printf("%-22s %s%n", a.path("name").asText(), load.path("running").asBoolean()
                    ? load.path("rate").asDouble() + " orders/s" + (load.path("idempotencyKeys").asBoolean() ? ""
                    : ", no Idempotency-Key") + (load.path("clientRetries").asInt() == 0 ? ""
                    : ", " + load.path("clientRetries").asInt() + " client retries")
                    : "no load");
        }
    }

    /** Registers {@code load} with {@code ./shoplab}. */
    public static final class Contribution implements CommandContribution {
        @Override
        public Object command() {
            return new LoadCommand();
        }
    }
}
