package com.sabiscore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Fault test 1, short: {@code bin/sabiscore run} killed with SIGKILL twice during a one-season
 * replay of two leagues and restarted with the same command; the committed output must be the
 * uninterrupted run's, bit for bit. The full version ({@code faults/app-crash.sh}) replays the
 * whole history with ten kills, under both guarantees.
 */
class AppCrashIT {

    @Test
    void shouldPublishEveryPredictionExactlyOnceWhenTheAppIsKilledDuringItsReplay() throws Exception {
        AppCrashScenario scenario = new AppCrashScenario();
        scenario.options.window = ShortWindow.LABEL;
        scenario.options.seed = ShortWindow.SEED;
        scenario.kills = 2;

        FaultReport report = scenario.run(false);

        assertThat(report.violations()).as(report.text()).isEmpty();
    }
}
