package dev.shoplab.loadtests.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of the simulation's per-order CSV (see {@link OrderRecorder}). {@code outcomeMs} is when the order
 * became terminal; {@code seenMs} when the client saw it (the same for an answer that was already terminal,
 * later by up to one poll pause for an order that had to be polled); {@code polls} counts the GETs;
 * {@code problem} is the kind of the problem the POST's last try was answered with when it was not accepted (the last
 * segment of its RFC 9457 {@code type}, e.g. {@code overloaded}), null when that answer carried none.
 */
public record OrderRecord(long startEpochMs, double acceptMs, double outcomeMs, int httpStatus, String orderId,
                          String status, String reason, int attempts, double seenMs, int polls, String problem) {

    /** A record without a problem kind. */
    public OrderRecord(long startEpochMs, double acceptMs, double outcomeMs, int httpStatus, String orderId,
                       String status, String reason, int attempts, double seenMs, int polls) {
        this(startEpochMs, acceptMs, outcomeMs, httpStatus, orderId, status, reason, attempts, seenMs, polls, null);
    }

    /** A record of an order whose outcome was seen in the answer to its POST (no polls). */
    public OrderRecord(long startEpochMs, double acceptMs, double outcomeMs, int httpStatus, String orderId,
                       String status, String reason, int attempts) {
        this(startEpochMs, acceptMs, outcomeMs, httpStatus, orderId, status, reason, attempts, outcomeMs, 0);
    }

    /** What the label {@link #answer()} gives an order whose POST's last try got no answer. */
    public static final String NO_ANSWER = "no answer";

    /**
     * What the POST's last try was answered, as the report names it: {@code "503 overloaded"} (the status and the
     * problem's kind), {@code "502"} (a status without a problem), {@value #NO_ANSWER} (a refused, reset or timed-out
     * connection: status 0).
     */
    public String answer() {
        if (httpStatus == 0) {
            return NO_ANSWER;
        }
        return problem == null ? Integer.toString(httpStatus) : httpStatus + " " + problem;
    }

    /**
     * The kind of a problem from its RFC 9457 {@code type}: the last path segment ({@code overloaded} of
     * {@code https://shoplab.dev/problems/overloaded}), any character but a letter, digit, {@code .}, {@code _} or
     * {@code -} replaced by {@code _} (it goes into a CSV line); null for none or a blank one.
     */
    public static String problemKind(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String kind = type.strip();
        kind = kind.substring(kind.lastIndexOf('/') + 1);
        return (kind.isEmpty() ? type.strip() : kind).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "FAILED");

    /** The architecture acknowledged the order: a 2xx with an order id. */
    public boolean accepted() {
        return httpStatus >= 200 && httpStatus < 300 && orderId != null;
    }

    /** A terminal status was seen by the client. */
    public boolean terminal() {
        return isTerminal(status);
    }

    /** CONFIRMED, REJECTED or FAILED: the order will not change any more. */
    public static boolean isTerminal(String status) {
        return status != null && TERMINAL.contains(status);
    }

    /**
     * The outcome latency of a polled order: from its start to the moment the edge says it concluded (the
     * {@code updatedAt} of its terminal state, same machine, same clock), kept between the accept and the moment
     * the client saw it. Without such a moment (or an unreadable one) the moment it was seen.
     */
    public static double outcomeOfPolled(long startEpochMs, double acceptMs, double seenMs, String concludedAt) {
        if (concludedAt == null) {
            return seenMs;
        }
        try {
            Instant at = Instant.parse(concludedAt);
            double concludedMs = (at.getEpochSecond() * 1000.0 + at.getNano() / 1e6) - startEpochMs;
            return Math.max(acceptMs, Math.min(seenMs, concludedMs));
        } catch (DateTimeParseException e) {
            return seenMs;
        }
    }

    /** Reads a CSV written by {@link OrderRecorder}. */
    public static List<OrderRecord> read(Path file) {
        List<OrderRecord> records = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length < 8) {
                    continue;
                }
                records.add(new OrderRecord(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Integer.parseInt(f[3]), blankToNull(f[4]), blankToNull(f[5]), blankToNull(f[6]),
                        Integer.parseInt(f[7]), f.length > 9 ? Double.parseDouble(f[8]) : Double.parseDouble(f[2]),
                        f.length > 9 ? Integer.parseInt(f[9]) : 0, f.length > 10 ? blankToNull(f[10]) : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return records;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
