package dev.shoplab.loadtests.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.loadtests.simulation.OrderRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client-side figures: counts, percentiles and the recovery time after a fault. */
class LoadStatisticsTest {

    private static final long T0 = 1_000_000L;

    /** Ten orders a second for {@code seconds}; outcome latency 20 ms except in [slowFrom, slowTo) where it is 2 s. */
    private static List<OrderRecord> run(int seconds, int slowFrom, int slowTo) {
        List<OrderRecord> records = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < 10; i++) {
                double outcome = s >= slowFrom && s < slowTo ? 2000 : 20;
                records.add(new OrderRecord(T0 + s * 1000L + i * 100L, 5, outcome, 201, "o-" + s + "-" + i,
                        "CONFIRMED", null, 1));
            }
        }
        return records;
    }

    @Test
    void counts_what_the_clients_saw() {
        List<OrderRecord> records = new ArrayList<>(run(2, 0, 0));
        records.add(new OrderRecord(T0, 10, -1, 503, null, null, null, 3));
        records.add(new OrderRecord(T0, 10, 900, 201, "o-x", "FAILED", "PSP_UNAVAILABLE", 1));
        records.add(new OrderRecord(T0, 10, -1, 202, "o-y", "PENDING", null, 1));
        LoadStatistics.Counts c = new LoadStatistics(records, T0).counts();
        assertEquals(new LoadStatistics.Counts(23, 22, 20, 0, 1, 1, 1, Map.of("503", 1)), c);
    }

    @Test
    void the_orders_not_accepted_are_counted_by_the_answer_to_their_post() {
        List<OrderRecord> records = new ArrayList<>(run(1, 0, 0));
        for (int i = 0; i < 5; i++) {
            // shed by the edge (ADR 0023): answered at once, nothing done
            records.add(new OrderRecord(T0, 90, -1, 503, null, null, null, 1, -1, 0, "overloaded"));
        }
        // the database away
        records.add(new OrderRecord(T0, 90, -1, 503, null, null, null, 3, -1, 0, "service-unavailable"));
        // no answer: connection refused, reset or timed out (a JVM that died)
        records.add(new OrderRecord(T0, 30000, -1, 0, null, null, null, 1));
        records.add(new OrderRecord(T0, 30000, -1, 0, null, null, null, 1));
        // an answer that was no problem (a proxy's bare 503 or 500)
        records.add(new OrderRecord(T0, 40, -1, 500, null, null, null, 1));
        records.add(new OrderRecord(T0, 40, -1, 503, null, null, null, 1));
        // a 2xx without an order id was not accepted either
        records.add(new OrderRecord(T0, 40, -1, 201, null, null, null, 1));

        LoadStatistics.Counts c = new LoadStatistics(records, T0).counts();

        assertEquals(11, c.errors());
        assertEquals(Map.of("no answer", 2, "201", 1, "500", 1, "503", 1, "503 overloaded", 5,
                "503 service-unavailable", 1), c.errorsByAnswer());
        assertEquals(List.of("no answer", "201", "500", "503", "503 overloaded", "503 service-unavailable"),
                List.copyOf(c.errorsByAnswer().keySet()), "by status, no answer first, then by kind");
        assertEquals(c.errors(), c.errorsByAnswer().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void recovery_is_the_first_second_after_the_fault_that_stays_in_the_baseline_band() {
        LoadStatistics stats = new LoadStatistics(run(40, 10, 34), T0);
        Optional<Double> recovery = stats.recoverySeconds(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(40));
        assertEquals(Optional.of(4.0), recovery);
    }

    @Test
    void a_run_that_never_recovers_says_so() {
        LoadStatistics stats = new LoadStatistics(run(40, 10, 40), T0);
        assertTrue(stats.recoverySeconds(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(40))
                .isEmpty());
    }

    @Test
    void seconds_whose_orders_never_concluded_are_not_recovered() {
        List<OrderRecord> records = new ArrayList<>();
        for (OrderRecord r : run(40, 10, 30)) {
            long second = (r.startEpochMs() - T0) / 1000;
            // after the fault the orders of seconds 30-35 are accepted but still pending when the run ends
            records.add(second >= 30 && second < 36
                    ? new OrderRecord(r.startEpochMs(), 5, -1, 202, r.orderId(), "PENDING", null, 4) : r);
        }
        LoadStatistics stats = new LoadStatistics(records, T0);

        assertEquals(Optional.of(6.0), stats.recoverySeconds(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(40)));
    }

    @Test
    void an_order_just_past_the_loads_last_second_counts_in_it_not_in_a_second_of_its_own() {
        List<OrderRecord> records = new ArrayList<>(run(20, 0, 0));
        records.add(new OrderRecord(T0 + 20_040, 5, 20, 201, "o-late", "CONFIRMED", null, 1)); // Gatling ran late

        List<LoadStatistics.Second> seconds = new LoadStatistics(records, T0).seconds(19);

        assertEquals(20, seconds.size(), "seconds 0..19: " + seconds);
        assertEquals(19, seconds.get(19).second());
        assertEquals(11, seconds.get(19).offered(), "the late order counts in the last second");
        assertEquals(records.size(), seconds.stream().mapToInt(LoadStatistics.Second::offered).sum(),
                "the series adds up to the run's orders");
        assertEquals(21, new LoadStatistics(records, T0).seconds().size(), "unbounded, it has a second of its own");
    }

    @Test
    void percentiles_use_the_nearest_rank() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            values.add((double) i);
        }
        assertEquals(new Percentiles(50, 95, 99, 100), Percentiles.of(values));
        assertEquals(Percentiles.NONE, Percentiles.of(List.of()));
    }
}
