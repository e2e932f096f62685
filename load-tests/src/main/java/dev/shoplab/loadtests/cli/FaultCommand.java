package dev.shoplab.loadtests.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.lab.cli.ClockTime;
import dev.shoplab.lab.cli.CommandContribution;
import dev.shoplab.loadtests.control.ControlClient;
import dev.shoplab.loadtests.control.ControlFile;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shoplab fault …}: injects a fault into what the running lab runs, at once, on every architecture it
 * concerns; each lifts itself (after {@code --for}, at most 5 minutes unless told otherwise).
 */
@Command(name = "fault", mixinStandardHelpOptions = true,
        description = {"Inject a fault into what './shoplab up' or './shoplab demo' runs, at once, on every architecture"
                + " it concerns. Every fault lifts itself: after --for S, else after 5 minutes (restarts: see each).",
                "Examples: ./shoplab fault psp --down --for 20    ./shoplab fault kill payment-service"
                        + "    ./shoplab fault mesh --attempts 0    ./shoplab fault clear"},
        subcommands = {FaultCommand.Provider.Psp.class, FaultCommand.Provider.Mail.class, FaultCommand.Kill.class,
                FaultCommand.ServerRestart.Database.class,
                FaultCommand.ServerRestart.Broker.class, FaultCommand.Mesh.class,
                FaultCommand.Clear.class, FaultCommand.ListFaults.class, FaultCommand.Lift.class})
public final class FaultCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A fault's JSON field as the control API's refusals name it: {@code fault.errorRate}. */
    private static final Pattern FAULT_FIELD = Pattern.compile("\\bfault\\.([A-Za-z]+)");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing fault: use one of psp, mail, kill, "
                + "db-restart, broker-restart, mesh, clear, list, lift (see './shoplab fault --help').");
    }

    /** A verb that posts one fault and prints what is on. */
    abstract static class Inject extends LabVerb {

        /** The fault's JSON, a scenario file's fault (docs/control-api.md). */
        abstract ObjectNode fault();

        @Override
        void validate() {
            fault();
        }

        /**
         * The control API names a fault's JSON fields ({@code fault.errorRate: must have a maximum value of 1}); the
         * user typed this command's options: name the option instead, and say what it takes.
         */
        @Override
        String inTheUsersWords(String refusal) {
            Matcher field = FAULT_FIELD.matcher(refusal);
            StringBuilder said = new StringBuilder();
            Set<CommandLine.Model.OptionSpec> explained = new LinkedHashSet<>();
            while (field.find()) {
                String name = field.group(1);
                CommandLine.Model.OptionSpec option = spec.findOption("--" + name.replaceAll("([A-Z])", "-$1")
                        .toLowerCase(Locale.ROOT));
                if (option == null && name.equals("for")) {
                    option = spec.findOption("--restart-after"); // what kill calls the fault's "for"
                }
                String word = option != null ? option.longestName()
                        : name.equals("target") && !spec.positionalParameters().isEmpty()
                        ? spec.positionalParameters().get(0).paramLabel() : "fault." + name;
                field.appendReplacement(said, Matcher.quoteReplacement(word));
                if (option != null) {
                    explained.add(option);
                }
            }
            field.appendTail(said);
            for (CommandLine.Model.OptionSpec option : explained) {
                said.append(" (").append(option.longestName()).append(' ').append(option.paramLabel()).append(": ")
                        .append(String.join(" ", option.description())).append(')');
            }
            return said.toString();
        }

        @Override
        void run(ControlClient client, ControlFile target, PrintWriter out) {
            JsonNode on = client.call(target, "POST", "/api/lab/faults", fault().toString());
            Instant until = Instant.parse(on.path("until").asText());
            // the length asked for: secondsLeft is already shorter when stopping a server took a while
            long lasting = Duration.between(Instant.parse(on.path("since").asText()), until).toSeconds();
            out.printf("on: %s for %d s, until %s (it lifts itself; './shoplab fault clear' lifts every fault now)%n",
                    on.path("what").asText(), lasting, ClockTime.of(until));
        }

        static ObjectNode action(String action, Integer lasting) {
            ObjectNode o = JSON.createObjectNode().put("action", action);
            if (lasting != null) {
                o.put("for", lasting);
            }
            return o;
        }
    }

    /** {@code fault psp|mail}: the provider simulators' fault controls. */
    abstract static class Provider extends Inject {

        @Option(names = "--latency-ms", paramLabel = "N", description = "Every request waits N ms before it is handled.")
        Integer latencyMs;

        @Option(names = "--jitter-ms", paramLabel = "N", description = "Plus a random 0..N ms.")
        Integer jitterMs;

        @Option(names = "--error-rate", paramLabel = "P",
                description = "That share of requests (0..1: 0.3 is three in ten) gets a 503.")
        Double errorRate;

        @Option(names = "--timeout-rate", paramLabel = "P",
                description = "That share of requests (0..1: 0.3 is three in ten) is processed but never answered.")
        Double timeoutRate;

        @Option(names = "--down", description = "The provider's port is closed: connections are refused.")
        boolean down;

        @Option(names = "--for", paramLabel = "S", converter = Seconds.class,
                description = "Seconds until it lifts itself (20, 20s or 2m; default: 300).")
        Integer lasting;

        @Override
        ObjectNode fault() {
            ObjectNode o = action(spec.name(), lasting); // psp or mail: the command's name is the fault's target
            if (latencyMs != null) {
                o.put("latencyMs", latencyMs);
            }
            if (jitterMs != null) {
                o.put("jitterMs", jitterMs);
            }
            if (errorRate != null) {
                o.put("errorRate", errorRate);
            }
            if (timeoutRate != null) {
                o.put("timeoutRate", timeoutRate);
            }
            if (down) {
                o.put("down", true);
            }
            if (errorRate != null && timeoutRate != null && errorRate + timeoutRate > 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--error-rate " + errorRate + " and "
                        + "--timeout-rate " + timeoutRate + " add up to more than 1: they are shares of the same "
                        + "requests (a 503, or no answer), so together at most 1");
            }
            if (o.size() == (lasting == null ? 1 : 2)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Say what goes wrong: --latency-ms N, "
                        + "--error-rate P, --timeout-rate P or --down");
            }
            return o;
        }

        @Command(name = "psp", mixinStandardHelpOptions = true,
                description = "Make the PSP (payment provider) slow, flaky, lose answers or go down, for every architecture.")
        static final class Psp extends Provider {
        }

        @Command(name = "mail", mixinStandardHelpOptions = true,
                description = "Make the mail provider slow, flaky, lose answers or go down, for every architecture.")
        static final class Mail extends Provider {
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = {"SIGKILL a process, as a crash would, and start it again later.",
                    "SERVICE is a process (order-service, inventory-service, payment-service, notification-service: "
                            + "the distributed architectures'; monolith) or a bounded context (order, inventory, "
                            + "payment, notification: its host in every architecture, the whole monolith included)."})
    static final class Kill extends Inject {

        @Parameters(index = "0", paramLabel = "SERVICE")
        String service;

        @Option(names = "--restart-after", paramLabel = "S", defaultValue = "15", converter = Seconds.class,
                description = "Seconds until it is started again (default: ${DEFAULT-VALUE}).")
        int restartAfter;

        @Override
        ObjectNode fault() {
            return action("kill", restartAfter).put("target", service);
        }
    }

    /** {@code fault db-restart}, {@code fault broker-restart}: a server stopped and started again with its data. */
    abstract static class ServerRestart extends Inject {

        @Option(names = "--for", paramLabel = "S", defaultValue = "10", converter = Seconds.class,
                description = "Seconds it stays down (default: ${DEFAULT-VALUE}).")
        int lasting;

        @Override
        ObjectNode fault() {
            // the scenario files' names of the two restarts
            return action(spec.name().equals("db-restart") ? "restart-database" : "restart-broker", lasting);
        }

        @Command(name = "db-restart", mixinStandardHelpOptions = true,
                description = "Stop PostgreSQL (fast shutdown) and start it again on the same port with the same data.")
        static final class Database extends ServerRestart {
        }

        @Command(name = "broker-restart", mixinStandardHelpOptions = true,
                description = "Stop the Kafka broker (SIGTERM) and start it again on the same ports with the same data.")
        static final class Broker extends ServerRestart {
        }
    }

    @Command(name = "mesh", mixinStandardHelpOptions = true,
            description = {"Change the distributed monolith's mesh policy on every hop (laid over a mesh fault already on).",
                    "Example: ./shoplab fault mesh --attempts 0 --outlier-detection off"})
    static final class Mesh extends Inject {

        @Option(names = "--attempts", paramLabel = "N", description = "Retries after the first try (shipped: 3).")
        Integer attempts;

        @Option(names = "--per-try-timeout", paramLabel = "D", description = "As Istio writes it: 500ms, 2s (shipped: 5s).")
        String perTryTimeout;

        @Option(names = "--outlier-detection", paramLabel = "on|off",
                description = "off takes outlier detection away; on keeps the shipped one.")
        String outlierDetection;

        @Option(names = "--for", paramLabel = "S", converter = Seconds.class,
                description = "Seconds until the shipped policy is back (20, 20s or 2m; default: 300).")
        Integer lasting;

        @Override
        ObjectNode fault() {
            ObjectNode o = action("mesh", lasting);
            if (attempts != null) {
                o.put("attempts", attempts);
            }
            if (perTryTimeout != null) {
                o.put("perTryTimeout", perTryTimeout);
            }
            if (outlierDetection != null) {
                if (!outlierDetection.equals("on") && !outlierDetection.equals("off")) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--outlier-detection is on or off, not "
                            + outlierDetection);
                }
                o.put("outlierDetection", outlierDetection.equals("on"));
            }
            if (attempts == null && perTryTimeout == null && outlierDetection == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Say what changes: --attempts N, "
                        + "--per-try-timeout D or --outlier-detection on|off");
            }
            return o;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Lift every fault now: providers healthy, processes and servers started again, the mesh's "
                    + "shipped policy back; a scenario being played stops.")
    static final class Clear extends LabVerb {
        @Override
        void run(ControlClient client, ControlFile target, PrintWriter out) {
            // what is on a moment before: a fault that lifts itself in between is counted as lifted here
            JsonNode before = client.call(target, "GET", "/api/lab", null);
            List<String> lifted = new ArrayList<>();
            before.path("faults").forEach(f -> lifted.add(f.path("what").asText()));
            if (before.path("scenario").hasNonNull("name")) {
                lifted.add("the scenario " + before.path("scenario").path("name").asText() + " (stopped)");
            }
            JsonNode state = client.call(target, "DELETE", "/api/lab/faults", null);
            out.println(lifted.isEmpty() ? "nothing to lift" : "lifted: " + String.join("; ", lifted));
            printFaults(state, out);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the faults that are on.")
    static final class ListFaults extends LabVerb {
        @Override
        void run(ControlClient client, ControlFile target, PrintWriter out) {
            printFaults(client.call(target, "GET", "/api/lab/faults", null), out);
        }
    }

    @Command(name = "lift", mixinStandardHelpOptions = true, description = "Lift one fault now (its id as 'list' shows it).")
    static final class Lift extends LabVerb {

        @Parameters(index = "0", paramLabel = "ID", description = "psp, mail, mesh, restart-database, restart-broker, "
                + "or kill-<target> (kill-payment-service; 'kill payment-service' is read the same)")
        String id;

        @Override
        void run(ControlClient client, ControlFile target, PrintWriter out) {
            String asListed = id.strip().replaceFirst("^kill\\s+", "kill-"); // the id's older spelling, still in scripts
            // what it is, a moment before: a fault that lifts itself in between is refused below as not on
            String what = null;
            for (JsonNode f : client.call(target, "GET", "/api/lab/faults", null).path("faults")) {
                if (f.path("id").asText().equals(asListed)) {
                    what = f.path("what").asText();
                }
            }
            try {
                JsonNode state = client.call(target, "DELETE", "/api/lab/faults/"
                        + URLEncoder.encode(asListed, StandardCharsets.UTF_8).replace("+", "%20"), null);
                out.println("lifted: " + (what != null ? what : asListed));
                printFaults(state, out);
            } catch (ControlClient.Refused e) {
                if (e.type().equals("no-such-fault")) {
                    // the API's answer points at GET /api/lab/faults; on the command line the list is a verb
                    throw new CommandLine.ParameterException(spec.commandLine(), "No fault '" + id + "' is on: "
                            + "'./shoplab fault list' shows the ids of those that are.");
                }
                throw e;
            }
        }
    }

    /** Registers {@code fault} with {@code ./shoplab}. */
    public static final class Contribution implements CommandContribution {
        @Override
        public Object command() {
            return new FaultCommand();
        }
    }
}
