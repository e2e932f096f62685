package dev.shoplab.distributed.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads counters out of the Prometheus text format: the sum of the series of a name whose labels match; an exemplar
 * after a sample (OpenMetrics {@code # {trace_id=…} value}, there while tracing is on) is not part of it.
 */
final class Prometheus {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Prometheus() {
    }

    /** The sum over every series of {@code name} that carries all of {@code labels} (alternating name, value). */
    static double sum(String text, String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int exemplar = line.indexOf(" # ");
            if (exemplar > 0) {
                // with tracing on, a sample may carry an OpenMetrics exemplar: "… 5.0 # {trace_id=\"…\"} 1.0"
                line = line.substring(0, exemplar);
            }
            int brace = line.indexOf('{');
            int end = line.lastIndexOf('}');
            Map<String, String> found = new LinkedHashMap<>();
            if (brace >= 0 && end > brace) {
                Matcher m = LABEL.matcher(line.substring(brace + 1, end));
                while (m.find()) {
                    found.put(m.group(1), m.group(2));
                }
            }
            if (found.entrySet().containsAll(wanted.entrySet())) {
                String value = line.substring((end > 0 ? end + 1 : line.indexOf(' '))).trim().split(" ")[0];
                total += Double.parseDouble(value);
            }
        }
        return total;
    }
}
