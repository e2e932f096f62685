package dev.shoplab.loadtests.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.lab.cli.CommandContribution;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;

/** {@code shoplab stats}: the live figures of the last second, per architecture. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Print the live figures of what './shoplab up' or './shoplab demo' runs: orders offered and "
                + "concluded in the last second, latencies and error rate over the last 10 s, orders pending, requests"
                + " that reached the PSP, consumer lag, CPU of the architecture's own processes, what the mesh's outlier"
                + " detection ejects now and its tries per hop.",
                "Every figure is read from the system."})
public final class StatsCommand extends ReadVerb {

    private static final String MESH_TRIES = "mesh tries / s";
    private static final String MESH_EJECTED = "mesh ejected";

    @Override
    String path() {
        return "/api/lab/stats";
    }

    @Override
    void print(JsonNode stats, PrintWriter out) {
        Map<String, Function<JsonNode, String>> rows = new LinkedHashMap<>();
        rows.put("offered / s", a -> a.path("offered").asText());
        rows.put("concluded / s", a -> a.path("concluded").asText() + " (" + a.path("confirmed").asText() + " ok, "
                + a.path("rejected").asText() + " rejected, " + a.path("failed").asText() + " failed)"
                // orders the client could not place: no answer, or an answer that was no order (a 503 …)
                + (a.path("errors").asInt() > 0 ? " + " + a.path("errors").asText() + " not placed" : ""));
        rows.put("accept p50 / p99 ms", a -> percentiles(a, "accept"));
        rows.put("outcome p50 / p99 ms", a -> percentiles(a, "outcome"));
        rows.put("error rate (10 s)", a -> String.format(Locale.ROOT, "%.1f %%", 100 * a.path("errorRate").asDouble()));
        rows.put("pending: client / db", a -> a.path("pending").asText() + " / " + text(a.path("pendingInDatabase")));
        rows.put("PSP requests / s", a -> a.path("pspCalls").asText());
        rows.put("retry amplification", a -> text(a.path("retryAmplification")));
        rows.put("consumer lag", a -> text(a.path("consumerLag")));
        rows.put("CPU cores (10 s)", a -> text(a.path("cpu")));
        rows.put("CPU ms / order", a -> text(a.path("cpuMsPerOrder")));
        // last, and left out of the column widths: they name hops of the mesh, and would widen every row
        rows.put(MESH_TRIES, a -> {
            List<String> hops = new ArrayList<>();
            a.path("meshTries").fields().forEachRemaining(e -> hops.add(e.getKey() + " " + e.getValue().asText()));
            return hops.isEmpty() ? "–" : String.join(", ", hops);
        });
        rows.put(MESH_EJECTED, a -> {
            List<String> ejected = new ArrayList<>();
            a.path("meshEjected").forEach(d -> ejected.add(d.asText()));
            return !a.path("meshEjected").isArray() ? "–" : ejected.isEmpty() ? "none" : String.join(", ", ejected);
        });
        List<String> names = new ArrayList<>();
        List<JsonNode> figures = new ArrayList<>();
        forEachArchitecture(stats, (name, a) -> {
            names.add(name);
            figures.add(a);
        });
        int[] widths = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            widths[i] = names.get(i).length();
            for (var row : rows.entrySet()) {
                if (!row.getKey().equals(MESH_TRIES) && !row.getKey().equals(MESH_EJECTED)) {
                    widths[i] = Math.max(widths[i], row.getValue().apply(figures.get(i)).length());
                }
            }
        }
        StringBuilder header = new StringBuilder(String.format("%-22s", ""));
        for (int i = 0; i < names.size(); i++) {
            header.append(String.format("  %-" + widths[i] + "s", names.get(i)));
        }
        out.println(header.toString().stripTrailing()); // the last column needs no padding: a terminal shows none
        rows.forEach((label, value) -> {
            StringBuilder line = new StringBuilder(String.format("%-22s", label));
            for (int i = 0; i < figures.size(); i++) {
                line.append(String.format("  %-" + widths[i] + "s", value.apply(figures.get(i))));
            }
            out.println(line.toString().stripTrailing());
        });
    }

    /** {@code p50 / p99} of the {@code kind} latency, or {@code –} when no order gave one in the window (both 0). */
    private static String percentiles(JsonNode a, String kind) {
        long p50 = a.path(kind + "P50").asLong();
        long p99 = a.path(kind + "P99").asLong();
        return p99 == 0 ? "–" : p50 + " / " + p99;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "–" : value.asText();
    }

    /** Registers {@code stats} with {@code ./shoplab}. */
    public static final class Contribution implements CommandContribution {
        @Override
        public Object command() {
            return new StatsCommand();
        }
    }
}
