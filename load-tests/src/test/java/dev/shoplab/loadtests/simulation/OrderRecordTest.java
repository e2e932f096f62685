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
            recorder.record(START, 31.5, 180.5, 202, "o-1", "CONFIRMED", null, 1, 320.25, 4, null);
            recorder.record(START, 12, 12, 201, "o-2", "REJECTED", "OUT_OF_STOCK", 1, 12, 0, null);
            recorder.record(START, 3, -1, 503, null, null, null, 1, -1, 0, "overloaded");
        }
        List<OrderRecord> read = OrderRecord.read(file);
        assertEquals(OrderRecorder.HEADER, Files.readAllLines(file).get(0));
        assertEquals(List.of(
                new OrderRecord(START, 31.5, 180.5, 202, "o-1", "CONFIRMED", null, 1, 320.25, 4),
                new OrderRecord(START, 12, 12, 201, "o-2", "REJECTED", "OUT_OF_STOCK", 1, 12, 0),
                new OrderRecord(START, 3, -1, 503, null, null, null, 1, -1, 0, "overloaded")), read);
        assertEquals("503 overloaded", read.get(2).answer());
    }

    @Test
    void aProblemIsNamedByTheLastSegmentOfItsType() {
        assertEquals("overloaded", OrderRecord.problemKind("https://shoplab.dev/problems/overloaded"));
        assertEquals("about_blank", OrderRecord.problemKind(" about:blank "), "a type without a path, made CSV-safe");
        assertEquals("a_b_c", OrderRecord.problemKind("https://x.test/a,b\nc"), "no comma or line break in the CSV");
        assertEquals(null, OrderRecord.problemKind("  "));
        assertEquals("no answer", new OrderRecord(START, 30000, -1, 0, null, null, null, 1).answer());
        assertEquals("502", new OrderRecord(START, 5, -1, 502, null, null, null, 1).answer());
    }

    @Test
    void aFileWrittenBeforeTheProblemColumnIsStillRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orders.csv");
        Files.writeString(file, "startEpochMs,acceptMs,outcomeMs,httpStatus,orderId,status,reason,attempts,seenMs,polls\n"
                + START + ",3.000,-1.000,503,,,,1,-1.000,0\n");
        assertEquals(List.of(new OrderRecord(START, 3, -1, 503, null, null, null, 1, -1, 0)), OrderRecord.read(file));
    }
}
