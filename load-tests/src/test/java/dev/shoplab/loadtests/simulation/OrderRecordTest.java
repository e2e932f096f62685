package dev.shoplab.loadtests.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-order record: what the outcome of a polled order is, and the CSV written and read back. */
class OrderRecordTest {

    private static final long START = 1_795_333_117_873L; // 2026-11-22T07:38:37.873Z

    @Test
    void polledOrderConcludesWhenTheEdgeSaysNotWhenThePollSawIt() {
        // concluded 180.5 ms after the start; the poll that saw it came at 320 ms
        double outcome = OrderRecord.outcomeOfPolled(START, 30, 320, "2026-11-22T07:38:38.053500Z");
        assertEquals(180.5, outcome, 0.01);
    }

    @Test
    void outcomeStaysBetweenTheAcceptAndTheMomentItWasSeen() {
        assertEquals(30, OrderRecord.outcomeOfPolled(START, 30, 320, "2026-11-22T07:38:37.880Z"));
        assertEquals(320, OrderRecord.outcomeOfPolled(START, 30, 320, "2026-11-22T07:38:39Z"));
    }

    @Test
    void withoutAReadableConclusionTheOutcomeIsWhenItWasSeen() {
        assertEquals(320, OrderRecord.outcomeOfPolled(START, 30, 320, null));
        assertEquals(320, OrderRecord.outcomeOfPolled(START, 30, 320, "yesterday"));
    }

    @Test
    void recorderAndReaderAgreeOnTheColumns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orders.csv");
        try (OrderRecorder recorder = new OrderRecorder(file)) {
            recorder.record(START, 31.5, 180.5, 202, "o-1", "CONFIRMED", null, 1, 320.25, 4);
            recorder.record(START, 12, 12, 201, "o-2", "REJECTED", "OUT_OF_STOCK", 1, 12, 0);
        }
        List<OrderRecord> read = OrderRecord.read(file);
        assertEquals(OrderRecorder.HEADER, Files.readAllLines(file).get(0));
        assertEquals(List.of(
                new OrderRecord(START, 31.5, 180.5, 202, "o-1", "CONFIRMED", null, 1, 320.25, 4),
                new OrderRecord(START, 12, 12, 201, "o-2", "REJECTED", "OUT_OF_STOCK", 1, 12, 0)), read);
    }
}
