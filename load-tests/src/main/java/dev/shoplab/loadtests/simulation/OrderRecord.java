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
 * later by up to one poll pause for an order that had to be polled); {@code polls} counts the GETs.
 */
public record OrderRecord(long startEpochMs, double acceptMs, double outcomeMs, int httpStatus, String orderId,
                          String status, String reason, int attempts, double seenMs, int polls) {

    /** A record of an order whose outcome was seen in the answer to its POST (no polls). */
    public OrderRecord(long startEpochMs, double acceptMs, double outcomeMs, int httpStatus, String orderId,
                       String status, String reason, int attempts) {
        this(startEpochMs, acceptMs, outcomeMs, httpStatus, orderId, status, reason, attempts, outcomeMs, 0);
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
                        f.length > 9 ? Integer.parseInt(f[9]) : 0));
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
