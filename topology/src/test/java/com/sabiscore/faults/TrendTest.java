package com.sabiscore.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {

    private static final List<Double> MINUTES = List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0);

    @Test
    void shouldClimbWhenAGaugeRisesSteadilyPastBothAllowances() {
        // heap after GC: +10 MB every 10 minutes
        Trend trend = Trend.fit("heap", "MB", MINUTES, List.of(100.0, 110.0, 120.0, 130.0, 140.0, 150.0, 160.0));

        assertThat(trend.slopePerHour()).isCloseTo(60.0, within(1e-9));
        assertThat(trend.rSquared()).isCloseTo(1.0, within(1e-9));
        assertThat(trend.climbs(16, 0.10)).isTrue();
    }

    @Test
    void shouldNotClimbWhenTheRiseStaysWithinTheAllowance() {
        // +1 MB every 10 minutes: 6 MB over the hour, below 16 MB
        Trend trend = Trend.fit("heap", "MB", MINUTES, List.of(100.0, 101.0, 102.0, 103.0, 104.0, 105.0, 106.0));

        assertThat(trend.climbs(16, 0.10)).isFalse();
    }

    @Test
    void shouldNotClimbWhenTheReadingsOnlyScatter() {
        // large swings with a last reading high by chance: the line explains little of them
        Trend trend = Trend.fit("heap", "MB", MINUTES, List.of(100.0, 160.0, 90.0, 150.0, 95.0, 155.0, 130.0));

        assertThat(trend.rSquared()).isLessThan(0.5);
        assertThat(trend.climbs(16, 0.10)).isFalse();
    }

    @Test
    void shouldBeFlatForAConstantGauge() {
        Trend trend = Trend.fit("threads", "threads", MINUTES, List.of(51.0, 51.0, 51.0, 51.0, 51.0, 51.0, 51.0));

        assertThat(trend.slopePerHour()).isZero();
        assertThat(trend.climbs(10, 0.10)).isFalse();
    }
}
