package dev.shoplab.loadtests.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.architecture.Architectures;
import dev.shoplab.loadtests.control.ControlClient;
import dev.shoplab.loadtests.control.ControlFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine;

/**
 * What every verb that drives a running lab shares ({@code load}, {@code fault …}, {@code stats}, {@code audit}):
 * find the running lab commands, call their control API (docs/control-api.md), and exit 2 with one line when
 * nothing runs or the request is refused, 1 when the lab could not do what was asked.
 */
abstract class LabVerb implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The calls of this verb, made against one lab command; {@code out} is the console. */
    abstract void run(ControlClient client, ControlFile target, PrintWriter out);

    /** The architecture the verb is about, if it takes {@code --arch}. */
    Optional<String> architecture() {
        return Optional.empty();
    }

    /** Checks the arguments before anything is called; a mistake is a {@link CommandLine.ParameterException}. */
    void validate() {
    }

    /**
     * Refuses an {@code --arch} that names no architecture, before any call: "not running" would send the user to start
     * what does not exist.
     *
     * @throws CommandLine.ParameterException naming the architectures there are
     */
    static void checkArchitecture(CommandLine.Model.CommandSpec spec, Optional<String> architecture) {
        if (architecture.isPresent() && Architectures.byName(architecture.get()).isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + architecture.get()
                    + "' is not an architecture: use one of " + Architectures.names() + ".");
        }
    }

    @Override
    public Integer call() {
        checkArchitecture(spec, architecture());
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ControlClient client = new ControlClient(LabHome.locate());
        try {
            List<ControlFile> targets = client.targets(architecture());
            for (ControlFile target : targets) {
                if (targets.size() > 1) {
                    out.println("== " + target.command() + " (pid " + target.pid() + ")");
                }
                run(client, target, out);
            }
            out.flush();
            return 0;
        } catch (ControlClient.NothingRuns e) {
            err.println("shoplab " + spec.qualifiedName(" ").replaceFirst("^shoplab ", "") + ": " + e.getMessage());
            return 2;
        } catch (ControlClient.Refused e) {
            err.println("shoplab " + spec.qualifiedName(" ").replaceFirst("^shoplab ", "") + ": "
                    + inTheUsersWords(e.getMessage()));
            return e.status() < 500 ? 2 : 1;
        }
    }

    /** A refusal of the control API as the user of this verb reads it; as it came unless a verb knows better. */
    String inTheUsersWords(String refusal) {
        return refusal;
    }

    /** Prints the faults in force of an answer that carries {@code faults}. */
    static void printFaults(JsonNode state, PrintWriter out) {
        JsonNode faults = state.path("faults");
        if (faults.isEmpty()) {
            out.println("no fault is on");
        }
        faults.forEach(f -> out.printf("on: %-40s %4d s left (./shoplab fault lift \"%s\")%n", f.path("what").asText(),
                f.path("secondsLeft").asLong(), f.path("id").asText()));
        Map<String, List<String>> ejected = new LinkedHashMap<>();
        state.path("ejected").forEach(e -> ejected.computeIfAbsent(e.path("architecture").asText(), a -> new ArrayList<>())
                .add(e.path("destination").asText()));
        ejected.forEach((arch, destinations) -> out.println("still ejected by the " + arch + "'s mesh: "
                + String.join(", ", destinations) + " — outlier detection, not a fault: it ends by itself (in 30-60 s,"
                + " longer after repeated ejections), or when a lifted mesh fault changes its outlier detection back;"
                + " calls to an ejected endpoint fail fast until then"));
    }

    /** Runs {@code each} for every architecture of an answer's {@code architectures} object, in its order. */
    static void forEachArchitecture(JsonNode answer, BiConsumer<String, JsonNode> each) {
        answer.path("architectures").fields().forEachRemaining(e -> each.accept(e.getKey(), e.getValue()));
    }
}
