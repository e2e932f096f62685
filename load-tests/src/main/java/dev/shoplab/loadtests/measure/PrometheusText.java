package dev.shoplab.loadtests.measure;

import dev.shoplab.lab.LabHttp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counters out of Prometheus text exposition, enough for the bench's few metrics. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** GETs a metrics endpoint; empty text when it does not answer (a crashed process has no metrics). */
    public static String scrape(String url) {
        return LabHttp.tryGet(url, Duration.ofSeconds(10)).orElse("");
    }

    /** Sum of a metric's samples, grouped by one label's value ("" when the label is absent). */
    public static Map<String, Double> sumBy(String text, String metric, String label) {
        Map<String, Double> sums = new TreeMap<>();
        samples(text, metric, (labels, value) -> sums.merge(labels.getOrDefault(label, ""), value, Double::sum));
        return sums;
    }

    /** Sum of a metric's samples whose labels {@code filter} accepts. */
    public static double sum(String text, String metric, Predicate<Map<String, String>> filter) {
        double[] sum = {0};
        samples(text, metric, (labels, value) -> {
            if (filter.test(labels)) {
                sum[0] += value;
            }
        });
        return sum[0];
    }

    /** Every sample of {@code metric}: its labels and its value (NaN and malformed values left out). */
    private static void samples(String text, String metric, BiConsumer<Map<String, String>, Double> sample) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(metric)) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            try {
                double value = Double.parseDouble(m.group(4));
                if (!Double.isNaN(value)) {
                    sample.accept(labels, value);
                }
            } catch (NumberFormatException e) {
                // a malformed value: not a count we can add
            }
        }
    }
}
