package dev.shoplab.loadtests.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoplab.loadtests.results.RunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Istio's prediction — (1 + attempts) per retrying hop, multiplied along the chain — and its measurement. */
class RetryAmplificationTest {

    @Test
    void the_tries_of_each_hop_multiply_along_the_chain() {
        assertEquals(16, RetryAmplification.predict(List.of(4, 4)), "the shipped policy: 3 attempts on both hops");
        assertEquals(64, RetryAmplification.predict(List.of(4, 4, 4)));
        assertEquals(3, RetryAmplification.predict(List.of(1, 3)), "a hop without retries multiplies by one");
        assertEquals(1, RetryAmplification.predict(List.of()));
        assertThrows(IllegalArgumentException.class, () -> RetryAmplification.predict(List.of(0)));
    }

    @Test
    void per_hop_and_end_to_end_amplification_come_from_the_mesh_counters_of_the_window() {
        Map<String, MeshControl.Counts> before = Map.of(
                "payment-service", new MeshControl.Counts(100, 100),
                "psp-simulator", new MeshControl.Counts(100, 100));
        Map<String, MeshControl.Counts> after = Map.of(
                "payment-service", new MeshControl.Counts(150, 300),   // 50 requests, 4 tries each
                "psp-simulator", new MeshControl.Counts(300, 900));    // 200 requests, 800 tries
        RunResult.Amplification a = RetryAmplification.of("10 s while the fault was on",
                List.of("payment-service", "psp-simulator"), Map.of("payment-service", 4, "psp-simulator", 4),
                before, after);
        assertEquals(16, a.predicted());
        assertEquals(4.0, a.hops().get(0).measured());
        assertEquals(4.0, a.hops().get(1).measured());
        assertEquals(50, a.hops().get(0).requests());
        assertEquals(800, a.hops().get(1).tries());
        assertEquals(16.0, a.measured(), "800 PSP tries for 50 charge requests from order-service");
    }

    @Test
    void end_to_end_is_the_product_of_the_hops_and_never_above_the_prediction() {
        // outlier detection on: most requests of each hop are answered without a try once its endpoint is ejected
        Map<String, MeshControl.Counts> after = Map.of(
                "payment-service", new MeshControl.Counts(47, 3),
                "psp-simulator", new MeshControl.Counts(3, 6));
        RunResult.Amplification a = RetryAmplification.of("w", List.of("payment-service", "psp-simulator"),
                Map.of("payment-service", 4, "psp-simulator", 4), Map.of(), after);

        assertEquals(0.06, a.hops().get(0).measured());
        assertEquals(2.0, a.hops().get(1).measured());
        assertEquals(0.13, a.measured(), "3/47 × 6/3");
    }

    @Test
    void a_hop_without_requests_has_no_measured_ratio() {
        RunResult.Amplification a = RetryAmplification.of("w", List.of("payment-service"),
                Map.of("payment-service", 4), Map.of(), Map.of());
        assertNull(a.measured());
        assertNull(a.hops().get(0).measured());
        assertEquals(4, a.predicted());
    }
}
