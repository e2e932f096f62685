package dev.shoplab.mesh.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints Istio durations ({@code 5s}, {@code 250ms}, {@code 1m30s}, {@code 0.5s}). */
public final class IstioDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");

    private IstioDuration() {
    }

    /** Returns the duration, or empty if the text is not an Istio duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(text.trim());
        int end = 0;
        double nanos = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            end = m.end();
            nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
        }
        if (end == 0 || end != text.trim().length()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(nanos)));
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "h" -> 3_600e9;
            case "m" -> 60e9;
            case "s" -> 1e9;
            case "ms" -> 1e6;
            case "us", "µs" -> 1e3;
            default -> 1;
        };
    }

    /** Prints a duration the way Istio files write it ({@code 5s}, {@code 250ms}); null for none. */
    public static String format(Duration d) {
        if (d == null) {
            return null;
        }
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        return ms + "ms";
    }
}
