package com.sabiscore.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sabiscore.match.Outcome;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

    @Test
    void shouldScoreAUniformForecastByHand() {
        ForecastMetrics metrics = new ForecastMetrics();

        metrics.add(1 / 3.0, 1 / 3.0, 1 / 3.0, Outcome.HOME);

        ForecastMetrics.Summary summary = metrics.summary();
        assertThat(summary.logLoss()).isCloseTo(Math.log(3), within(1e-12));
        // Brier: (2/3)^2 + 2 (1/3)^2 = 6/9
        assertThat(summary.brier()).isCloseTo(6 / 9.0, within(1e-12));
        // RPS: cumulative (1/3 - 1)^2 + (2/3 - 1)^2 = 5/9, halved
        assertThat(summary.rps()).isCloseTo(5 / 18.0, within(1e-12));
    }

    @Test
    void shouldPunishAnAwayWinMoreUnderRpsWhenTheForecastLeanedHome() {
        ForecastMetrics leaningHome = new ForecastMetrics();
        ForecastMetrics leaningDraw = new ForecastMetrics();

        leaningHome.add(0.6, 0.3, 0.1, Outcome.AWAY);
        leaningDraw.add(0.3, 0.6, 0.1, Outcome.AWAY);

        assertThat(leaningHome.summary().rps()).isGreaterThan(leaningDraw.summary().rps());
        assertThat(leaningHome.summary().brier()).isCloseTo(leaningDraw.summary().brier(), within(1e-12));
    }

    @Test
    void shouldAverageOverMatchesAndCountCorrectPicks() {
        ForecastMetrics metrics = new ForecastMetrics();

        metrics.add(0.5, 0.3, 0.2, Outcome.HOME);
        metrics.add(0.5, 0.3, 0.2, Outcome.DRAW);

        ForecastMetrics.Summary summary = metrics.summary();
        assertThat(summary.matches()).isEqualTo(2);
        assertThat(summary.accuracy()).isEqualTo(0.5);
        assertThat(summary.logLoss()).isCloseTo(-(Math.log(0.5) + Math.log(0.3)) / 2, within(1e-12));
    }
}
