package dev.shoplab.loadtests.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.loadtests.control.ControlClient;
import dev.shoplab.loadtests.control.ControlFile;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

/** A verb that reads a figure of the running lab ({@code stats}, {@code audit}): a table, or the API's JSON. */
abstract class ReadVerb extends LabVerb {

    @Option(names = "--arch", paramLabel = "A", description = "Only this architecture.")
    String arch;

    @Option(names = "--json", description = "The API's JSON (docs/control-api.md) instead of a table.")
    boolean json;

    /** The API path read, without the query: {@code /api/lab/stats}. */
    abstract String path();

    /** Prints the answer as a table. */
    abstract void print(JsonNode answer, PrintWriter out);

    @Override
    Optional<String> architecture() {
        return Optional.ofNullable(arch);
    }

    @Override
    void run(ControlClient client, ControlFile target, PrintWriter out) {
        JsonNode answer = client.call(target, "GET", path() + (arch == null ? "" : "?arch=" + arch), null);
        if (json) {
            out.println(answer.toPrettyString());
        } else {
            print(answer, out);
        }
    }
}
