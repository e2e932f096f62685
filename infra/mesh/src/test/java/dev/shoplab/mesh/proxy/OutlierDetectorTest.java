package dev.shoplab.mesh.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.mesh.Upstream;
import dev.shoplab.mesh.policy.OutlierPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Envoy's ejection algorithm on a fake clock: thresholds, multiplier, sweeps, maximum share, panic. */
class OutlierDetectorTest {

    private static final Upstream A = new Upstream("a", 1);
    private static final Upstream B = new Upstream("b", 2);
    private static final OutlierPolicy POLICY = new OutlierPolicy(3, 0, Duration.ofSeconds(10), Duration.ofSeconds(30), 100, 0);

    private long now;
    private final List<String> events = new ArrayList<>();
    private final OutlierDetector detector = new OutlierDetector(List.of(A, B), () -> now, new OutlierDetector.Listener() {
        @Override
        public void ejected(Upstream upstream, Duration ejectionTime) {
            events.add("ejected " + upstream.host() + " for " + ejectionTime.toSeconds() + "s");
        }

        @Override
        public void returned(Upstream upstream) {
            events.add("returned " + upstream.host());
        }
    });

    private void at(long seconds) {
        now = Duration.ofSeconds(seconds).toNanos();
    }

    private void fail(Upstream u, int times) {
        for (int i = 0; i < times; i++) {
            detector.report(u, 503, POLICY);
        }
    }

    @Test
    void a_host_is_ejected_at_the_third_consecutive_5xx_and_a_success_in_between_resets_the_count() {
        fail(A, 2);
        detector.report(A, 200, POLICY);
        fail(A, 2);
        assertFalse(detector.ejected(A));
        fail(A, 1);
        assertTrue(detector.ejected(A));
        assertEquals(List.of(B), detector.eligible(POLICY));
    }

    @Test
    void an_ejected_host_returns_on_the_first_sweep_after_base_ejection_time() {
        at(5);
        fail(A, 3);
        at(30);
        detector.sweep(POLICY);
        assertTrue(detector.ejected(A), "25 s after ejection: still out");
        at(40);
        detector.sweep(POLICY);
        assertFalse(detector.ejected(A), "35 s after ejection, on a sweep: back");
    }

    @Test
    void a_base_ejection_time_above_five_minutes_is_not_cut_to_five() {
        OutlierPolicy tenMinutes = new OutlierPolicy(3, 0, Duration.ofSeconds(10), Duration.ofMinutes(10), 100, 0);
        at(0);
        for (int i = 0; i < 3; i++) {
            detector.report(A, 503, tenMinutes);
        }
        assertEquals(List.of("ejected a for 600s"), events, "Envoy's max_ejection_time: 300 s or the base, if longer");
        at(310);
        detector.sweep(tenMinutes);
        assertTrue(detector.ejected(A), "310 s after ejection: still out");
        at(610);
        detector.sweep(tenMinutes);
        assertFalse(detector.ejected(A));
    }

    @Test
    void a_host_ejected_again_right_after_its_return_stays_out_twice_as_long() {
        at(0);
        fail(A, 3);
        at(30);
        detector.sweep(POLICY);
        fail(A, 3);
        assertEquals(List.of("ejected a for 30s", "returned a", "ejected a for 60s"), events);
    }

    @Test
    void the_ejection_multiplier_decays_on_sweeps_where_the_host_is_healthy() {
        at(0);
        fail(A, 3);
        at(30);
        detector.sweep(POLICY);
        at(40);
        detector.sweep(POLICY);
        at(50);
        detector.sweep(POLICY);
        fail(A, 3);
        assertEquals("ejected a for 30s", events.get(events.size() - 1));
    }

    @Test
    void max_ejection_percent_stops_ejections_beyond_the_share() {
        OutlierPolicy half = new OutlierPolicy(3, 0, Duration.ofSeconds(10), Duration.ofSeconds(30), 50, 0);
        fail(A, 3);
        for (int i = 0; i < 3; i++) {
            detector.report(B, 503, half);
        }
        assertTrue(detector.ejected(A));
        assertFalse(detector.ejected(B), "a second ejection would make 100 % > 50 %");
    }

    @Test
    void consecutive_gateway_errors_count_only_502_503_504() {
        OutlierPolicy gateway = new OutlierPolicy(0, 2, Duration.ofSeconds(10), Duration.ofSeconds(30), 100, 0);
        detector.report(A, 503, gateway);
        detector.report(A, 500, gateway);
        detector.report(A, 504, gateway);
        assertFalse(detector.ejected(A), "the 500 broke the run of gateway errors");
        detector.report(A, 502, gateway);
        assertTrue(detector.ejected(A));
    }

    @Test
    void below_min_health_percent_every_host_takes_traffic_again() {
        OutlierPolicy panic = new OutlierPolicy(3, 0, Duration.ofSeconds(10), Duration.ofSeconds(30), 100, 60);
        for (int i = 0; i < 3; i++) {
            detector.report(A, 503, panic);
        }
        assertTrue(detector.ejected(A));
        assertEquals(List.of(A, B), detector.eligible(panic), "50 % healthy < 60 %: panic, balance over all");
    }
}
