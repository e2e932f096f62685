package dev.shoplab.loadtests.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One line of the simulation's per-order CSV (see {@link OrderRecorder}). */
public record OrderRecord(long startEpochMs, double acceptMs, double outcomeMs, int httpStatus, String orderId,
                          String status, String reason, int attempts) {

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
                        Integer.parseInt(f[7])));
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
