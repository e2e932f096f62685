package dev.shoplab.loadtests.measure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThroughputTrendTest {

    private final ThroughputTrend trend = new ThroughputTrend(0.20, 20, 3);

    @Test
    void throughput_that_keeps_climbing_is_never_steady() {
        for (int completed = 20; completed < 2000; completed = (int) (completed * 1.3)) {
            assertFalse(trend.steadyAfter(completed), "climbed to " + completed);
        }
    }

    @Test
    void three_flat_windows_in_a_row_are_steady() {
        assertFalse(trend.steadyAfter(40));
        assertFalse(trend.steadyAfter(44));
        assertFalse(trend.steadyAfter(41));
        assertTrue(trend.steadyAfter(45));
    }

    @Test
    void one_flat_window_between_two_climbs_is_not_steady() {
        assertFalse(trend.steadyAfter(20));
        assertFalse(trend.steadyAfter(22), "a pause in the climb");
        assertFalse(trend.steadyAfter(23));
        assertFalse(trend.steadyAfter(40), "the climb goes on");
        assertFalse(trend.steadyAfter(42));
        assertFalse(trend.steadyAfter(43));
        assertTrue(trend.steadyAfter(44));
    }

    @Test
    void a_dip_and_the_window_that_recovers_from_it_are_no_climb() {
        assertFalse(trend.steadyAfter(40));
        assertFalse(trend.steadyAfter(44));
        assertFalse(trend.steadyAfter(30), "a dip: a collection, a neighbour's burst");
        assertTrue(trend.steadyAfter(43), "back where it was, not above the best window");
    }

    @Test
    void a_climb_above_the_best_window_after_a_dip_starts_over() {
        assertFalse(trend.steadyAfter(40));
        assertFalse(trend.steadyAfter(30));
        assertFalse(trend.steadyAfter(41));
        assertFalse(trend.steadyAfter(60), "above the best window by more than 20 %");
        assertFalse(trend.steadyAfter(58));
        assertFalse(trend.steadyAfter(61));
        assertTrue(trend.steadyAfter(57));
    }

    @Test
    void windows_with_too_few_orders_say_nothing() {
        for (int i = 0; i < 10; i++) {
            assertFalse(trend.steadyAfter(12), "window " + i + " of 12 orders");
        }
        assertFalse(trend.steadyAfter(20));
        assertFalse(trend.steadyAfter(19), "below the minimum again: starts over");
        assertFalse(trend.steadyAfter(20));
    }

    @Test
    void a_falling_throughput_counts_as_no_longer_climbing() {
        assertFalse(trend.steadyAfter(60));
        assertFalse(trend.steadyAfter(50));
        assertFalse(trend.steadyAfter(45));
        assertTrue(trend.steadyAfter(40));
    }

    @Test
    void nonsense_settings_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new ThroughputTrend(-0.1, 20, 3));
        assertThrows(IllegalArgumentException.class, () -> new ThroughputTrend(0.2, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new ThroughputTrend(0.2, 20, 0));
    }
}
