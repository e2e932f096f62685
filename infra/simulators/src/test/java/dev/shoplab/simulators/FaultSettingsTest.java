package dev.shoplab.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.simulators.provider.FaultSettings;
import dev.shoplab.simulators.provider.FaultSettings.Fate;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultSettingsTest {

    @Test
    void delay_is_the_latency_plus_a_jitter_between_zero_and_its_bound() {
        FaultSettings faults = new FaultSettings(100, 50, 0, 0, false);
        SplittableRandom random = new SplittableRandom(42);

        var delays = IntStream.range(0, 2000).mapToLong(i -> faults.delayMs(random)).summaryStatistics();

        assertThat(delays.getMin()).isEqualTo(100);
        assertThat(delays.getMax()).isEqualTo(150);
    }

    @Test
    void no_jitter_means_exactly_the_latency() {
        assertThat(new FaultSettings(250, 0, 0, 0, false).delayMs(new SplittableRandom(1))).isEqualTo(250);
        assertThat(FaultSettings.NONE.delayMs(new SplittableRandom(1))).isZero();
    }

    @Test
    void one_draw_fails_below_the_error_rate_and_holds_in_the_timeout_band_above_it() {
        FaultSettings faults = new FaultSettings(0, 0, 0.2, 0.3, false);

        assertThat(faults.fate(0.0)).isEqualTo(Fate.FAIL);
        assertThat(faults.fate(0.1999)).isEqualTo(Fate.FAIL);
        assertThat(faults.fate(0.2)).isEqualTo(Fate.HOLD);
        assertThat(faults.fate(0.4999)).isEqualTo(Fate.HOLD);
        assertThat(faults.fate(0.5)).isEqualTo(Fate.ANSWER);
        assertThat(faults.fate(0.9999)).isEqualTo(Fate.ANSWER);
    }

    @Test
    void no_fault_answers_every_draw_and_full_rates_catch_every_draw() {
        assertThat(FaultSettings.NONE.fate(0.0)).isEqualTo(Fate.ANSWER);
        assertThat(new FaultSettings(0, 0, 1, 0, false).fate(0.99999)).isEqualTo(Fate.FAIL);
        assertThat(new FaultSettings(0, 0, 0, 1, false).fate(0.99999)).isEqualTo(Fate.HOLD);
    }
}
