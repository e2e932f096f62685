package dev.shoplab.mesh.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Envoy's back-off ranges, as its code draws them, with the 25 ms default base. */
class RetryBackoffTest {

    private static final Duration BASE = Duration.ofMillis(25);

    @Test
    void the_back_off_ranges_double_as_envoys_code_draws_them_and_stop_at_ten_times_the_base() {
        assertEquals(25, RetryBackoff.boundMillis(1, BASE));
        assertEquals(50, RetryBackoff.boundMillis(2, BASE));
        assertEquals(100, RetryBackoff.boundMillis(3, BASE));
        assertEquals(200, RetryBackoff.boundMillis(4, BASE));
        assertEquals(250, RetryBackoff.boundMillis(5, BASE));
        assertEquals(250, RetryBackoff.boundMillis(30, BASE));
    }

    @Test
    void every_drawn_back_off_falls_inside_its_range() {
        SplittableRandom random = new SplittableRandom(1);
        for (int retry = 1; retry <= 6; retry++) {
            for (int i = 0; i < 1000; i++) {
                long wait = RetryBackoff.delayMillis(retry, BASE, random);
                assertTrue(wait >= 0 && wait < RetryBackoff.boundMillis(retry, BASE), "retry " + retry + ": " + wait);
            }
        }
    }
}
