package dev.shoplab.loadtests.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.loadtests.simulation.SaturationRamp.StepCounts;
import dev.shoplab.loadtests.simulation.SaturationRamp.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The saturation rule: when a step is within the SLO, where the knee is, and when the ramp stops. */
class SaturationRampTest {

    private static final StepCounts OK = new StepCounts(100, 0, 100, 1);
    private static final StepCounts SLOW = new StepCounts(100, 0, 100, 2);
    private static final List<Double> RATES = List.of(10.0, 13.0, 17.0, 22.0, 29.0);

    @Test
    void a_step_is_within_the_slo_while_at_most_one_percent_of_its_orders_is_slow_or_an_error() {
        assertTrue(OK.withinSlo(), "1 slow order of 100: p99 is still within the SLO");
        assertFalse(SLOW.withinSlo(), "2 slow orders of 100: p99 is beyond it");
        assertFalse(new StepCounts(100, 1, 99, 0).withinSlo(), "1 % errors is not under 1 %");
        assertTrue(new StepCounts(200, 1, 199, 0).withinSlo(), "0.5 % errors is");
        assertFalse(new StepCounts(0, 0, 0, 0).withinSlo(), "an empty step says nothing");
        assertFalse(new StepCounts(30, 0, 30, 1).withinSlo(), "with 30 orders, one slow order is the p99");
    }

    @Test
    void the_knee_is_the_highest_step_within_the_slo_once_a_step_above_broke_it() {
        SaturationRamp.Knee knee = SaturationRamp.knee(RATES, Arrays.asList(OK, OK, OK, SLOW, SLOW), 2);
        assertEquals(17.0, knee.rate());
        assertEquals(Verdict.FOUND, knee.verdict());
        assertEquals(5, knee.stepsRun());
    }

    @Test
    void a_ramp_within_the_slo_to_its_top_did_not_find_the_knee() {
        SaturationRamp.Knee knee = SaturationRamp.knee(RATES, Arrays.asList(OK, OK, OK, OK, OK), 2);
        assertEquals(29.0, knee.rate());
        assertEquals(Verdict.ABOVE_TOP_STEP, knee.verdict());
    }

    @Test
    void a_ramp_broken_from_its_first_step_has_its_knee_below_it() {
        SaturationRamp.Knee knee = SaturationRamp.knee(RATES, Arrays.asList(SLOW, SLOW, null, null, null), 2);
        assertNull(knee.rate());
        assertEquals(Verdict.BELOW_FIRST_STEP, knee.verdict());
        assertEquals(2, knee.stepsRun());
    }

    @Test
    void a_noisy_step_below_the_knee_does_not_hide_it_and_steps_that_did_not_run_are_skipped() {
        SaturationRamp.Knee knee = SaturationRamp.knee(RATES, Arrays.asList(OK, SLOW, OK, SLOW, null), 2);
        assertEquals(17.0, knee.rate());
        assertEquals(Verdict.FOUND, knee.verdict());
        assertEquals(4, knee.stepsRun());
    }

    @Test
    void a_step_the_ramp_ran_into_while_stopping_is_not_the_knee() {
        // as on 2026-12-06: 22 and 29 broke the SLO, the ramp stopped a second into 38, whose 30 orders were fine
        StepCounts cutShort = new StepCounts(30, 0, 30, 0);
        List<Double> rates = List.of(13.0, 17.0, 22.0, 29.0, 38.0);
        SaturationRamp.Knee knee = SaturationRamp.knee(rates, Arrays.asList(OK, OK, SLOW, SLOW, cutShort), 2);
        assertEquals(17.0, knee.rate(), "the highest step within the SLO before two broken ones in a row");
        assertEquals(Verdict.FOUND, knee.verdict());
        assertEquals(5, knee.stepsRun());
        assertEquals(38.0, SaturationRamp.knee(rates, Arrays.asList(OK, OK, SLOW, SLOW, cutShort), 0).rate(),
                "a ramp that never stops judges every step");
    }

    @Test
    void the_ramp_stops_after_the_given_number_of_broken_steps_in_a_row() {
        assertFalse(SaturationRamp.shouldStop(List.of(true, false), 2));
        assertFalse(SaturationRamp.shouldStop(List.of(false, true, false), 2), "a good step resets the count");
        assertTrue(SaturationRamp.shouldStop(List.of(true, false, false), 2));
        assertFalse(SaturationRamp.shouldStop(List.of(false, false, false), 0), "0 runs every step");
    }

    @Test
    void the_watch_judges_a_step_once_its_last_order_is_older_than_the_slo_and_counts_orders_in_flight_as_slow() {
        List<LoadSettings.Phase> phases = new ArrayList<>();
        RATES.forEach(r -> phases.add(new LoadSettings.Phase(r, Duration.ofSeconds(6))));
        SaturationRamp.Watch watch = new SaturationRamp.Watch(phases, 1000, 2);
        assertEquals(0, watch.stepOf(0));
        assertEquals(1, watch.stepOf(6.0));
        assertEquals(4, watch.stepOf(99), "after the last step: the last step");
        // step 0: 100 orders within the SLO
        for (int i = 0; i < 100; i++) {
            watch.started(0);
            watch.ended(0, true, false, 50);
        }
        // steps 1 and 2: orders that are still in flight when their step is judged
        for (int step = 1; step <= 2; step++) {
            for (int i = 0; i < 50; i++) {
                watch.started(step);
            }
        }
        double grace = SaturationRamp.Watch.POLL_GRACE_SECONDS;
        assertFalse(watch.judge(6.9), "step 0 is judged only 1 s (the SLO) after its end");
        assertFalse(watch.judge(7.0), "step 0 was within the SLO");
        assertFalse(watch.judge(13.0), "step 1 has orders in flight: a poll may yet see them concluded in time");
        assertFalse(watch.judge(13.0 + grace), "step 1 broke the SLO: one broken step does not stop the ramp");
        assertTrue(watch.judge(19.0 + grace), "step 2 broke it too: the ramp stops");
        assertTrue(watch.stopped());
        assertEquals(100, watch.inFlight());
    }

    @Test
    void an_order_a_poll_sees_concluded_within_the_slo_after_its_step_was_due_keeps_the_step_within_it() {
        List<LoadSettings.Phase> phases = new ArrayList<>();
        RATES.forEach(r -> phases.add(new LoadSettings.Phase(r, Duration.ofSeconds(6))));
        SaturationRamp.Watch watch = new SaturationRamp.Watch(phases, 1000, 1);
        for (int i = 0; i < 100; i++) {
            watch.started(0);
        }
        assertFalse(watch.judge(7.0), "due, but with orders in flight the step waits for their next poll");
        for (int i = 0; i < 100; i++) {
            // seen by a poll 0.5 s after the step was due; concluded (its updatedAt) 800 ms after it arrived
            watch.ended(0, true, false, 800);
        }
        assertFalse(watch.judge(7.0 + SaturationRamp.Watch.POLL_GRACE_SECONDS),
                "the bench's records judge this step within the SLO: so must the watch, or it stops the ramp early");
        assertFalse(watch.stopped());
    }
}
