package dev.shoplab.eventdriven.messaging;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} ({@code 00-<trace-id>-<parent-id>-<flags>}): started at the
 * edge or taken from the caller, carried as a Kafka header on every event, continued (same trace,
 * new span) by every service that acts on it, so one order's saga is one trace across four services.
 */
public record TraceParent(String traceId, String spanId, String flags) {

    /** The Kafka header and HTTP header name. */
    public static final String HEADER = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /** A header parsed; empty when absent or not a valid version-00 traceparent (then a new trace starts). */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(header.trim());
        if (!m.matches() || m.group(1).equals(ZERO_TRACE) || m.group(2).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(m.group(1), m.group(2), m.group(3)));
    }

    /** A new trace, sampled. */
    public static TraceParent newRoot() {
        return new TraceParent(randomHex(16), randomHex(8), "01");
    }

    /** The span of work done on behalf of the caller's {@code header}: its trace continued, or a new trace. */
    public static TraceParent continueOrStart(String header) {
        return parse(header).map(TraceParent::child).orElseGet(TraceParent::newRoot);
    }

    /** A child span: the same trace, a new span id. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), flags);
    }

    /** The header value. */
    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    @Override
    public String toString() {
        return header();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (isZero(random));
        return HexFormat.of().formatHex(random);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
