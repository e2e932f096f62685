package dev.shoplab.loadtests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One order's parts take the machine the sum of their times: the ceiling is their harmonic combination. */
class CeilingsTest {

    @Test
    void one_part_is_its_own_ceiling() {
        assertEquals(700.0, Ceilings.combine(List.of(700.0), null));
    }

    @Test
    void parts_add_their_times_per_order() {
        // 1/1000 + 1/1000 + 1/500 = 4 ms per order
        assertEquals(250.0, Ceilings.combine(List.of(1000.0, 1000.0), 500.0));
        assertEquals(500.0, Ceilings.combine(List.of(), 500.0));
    }

    @Test
    void nothing_measured_is_no_ceiling() {
        assertNull(Ceilings.combine(List.of(), null));
    }
}
