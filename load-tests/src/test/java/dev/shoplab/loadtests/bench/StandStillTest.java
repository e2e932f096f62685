package dev.shoplab.loadtests.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The drain stops waiting for a count (orders in progress, mails) only once it stood still for the whole bound. */
class StandStillTest {

    private static final long S = 1_000_000_000L;

    @Test
    void a_count_that_stays_the_same_for_longer_than_the_bound_has_stood_still() {
        StandStill inProgress = new StandStill(Duration.ofSeconds(20));
        assertFalse(inProgress.observe(1, 0));
        assertFalse(inProgress.observe(1, 20 * S), "exactly the bound is not longer than it");
        assertTrue(inProgress.observe(1, 20 * S + 1));
    }

    @Test
    void every_change_starts_the_clock_again() {
        StandStill inProgress = new StandStill(Duration.ofSeconds(20));
        assertFalse(inProgress.observe(40, 0));
        assertFalse(inProgress.observe(12, 15 * S), "a saga draining its backlog keeps the drain waiting");
        assertFalse(inProgress.observe(12, 30 * S));
        assertTrue(inProgress.observe(12, 36 * S));
    }
}
