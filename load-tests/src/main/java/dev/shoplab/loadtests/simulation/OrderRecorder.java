package dev.shoplab.loadtests.simulation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes one CSV line per order the simulation submitted: when it was scheduled, how long the POST
 * took (accept), how long until the order was terminal (outcome) and until the client saw it (seen), how
 * many polls that took, and what came out (for an order not accepted: the problem its POST was answered with). The bench
 * computes every figure of the report from this file; Gatling's own report is kept beside it.
 */
public final class OrderRecorder implements AutoCloseable {

    /** The CSV header; {@link OrderRecord} parses lines of this shape. */
    public static final String HEADER = "startEpochMs,acceptMs,outcomeMs,httpStatus,orderId,status,reason,attempts,seenMs,polls,problem";

    private final BufferedWriter out;

    public OrderRecorder(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newBufferedWriter(file);
            out.write(HEADER);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * Records one order; {@code outcomeMs} and {@code seenMs} are -1 when no terminal status was seen, {@code problem}
     * is the kind of the problem a POST not accepted was answered with, null for none.
     */
    public synchronized void record(long startEpochMs, double acceptMs, double outcomeMs, int httpStatus,
                                    String orderId, String status, String reason, int attempts, double seenMs,
                                    int polls, String problem) {
        try {
            out.write(startEpochMs + "," + String.format(Locale.ROOT, "%.3f,%.3f", acceptMs, outcomeMs)
                    + "," + httpStatus + "," + nz(orderId) + "," + nz(status) + "," + nz(reason) + "," + attempts
                    + String.format(Locale.ROOT, ",%.3f,", seenMs) + polls + "," + nz(problem));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.replace(',', ';');
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
