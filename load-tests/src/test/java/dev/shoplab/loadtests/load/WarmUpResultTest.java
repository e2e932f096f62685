package dev.shoplab.loadtests.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A warm-up that ran out before its criteria were met says so, and what was missing (ADR 0010). */
class WarmUpResultTest {

    @Test
    void steady_with_enough_orders_is_warm() {
        WarmUp.Result r = new WarmUp.Result(Set.of(), 300, 290, Duration.ofSeconds(12), true, List.of());
        assertTrue(r.criteriaMet());
        assertEquals("", r.shortfall());
    }

    @Test
    void too_few_orders_is_not_warm_even_when_steady() {
        WarmUp.Result r = new WarmUp.Result(Set.of(), 33, 32, Duration.ofSeconds(9), true, List.of());
        assertFalse(r.criteriaMet());
        assertEquals("32 of the 250 orders", r.shortfall());
    }

    @Test
    void climbing_throughput_is_not_warm_even_with_enough_orders() {
        WarmUp.Result r = new WarmUp.Result(Set.of(), 400, 390, Duration.ofSeconds(30), false, List.of());
        assertFalse(r.criteriaMet());
        assertEquals("throughput still climbing", r.shortfall());
        WarmUp.Result both = new WarmUp.Result(Set.of(), 40, 39, Duration.ofSeconds(8), false, List.of());
        assertEquals("39 of the 250 orders, throughput still climbing", both.shortfall());
    }

    @Test
    void no_warm_up_is_measured_cold_on_purpose() {
        assertFalse(WarmUp.Result.NONE.criteriaMet());
    }
}
