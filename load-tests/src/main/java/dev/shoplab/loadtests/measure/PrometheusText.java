package dev.shoplab.loadtests.measure;

import dev.shoplab.lab.LabHttp;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
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
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(metric)) {
                continue;
            }
            String key = "";
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    if (l.group(1).equals(label)) {
                        key = l.group(2);
                    }
                }
            }
            try {
                sums.merge(key, Double.parseDouble(m.group(4)), Double::sum);
            } catch (NumberFormatException e) {
                // NaN or a malformed value: not a count we can add
            }
        }
        return sums;
    }
}
