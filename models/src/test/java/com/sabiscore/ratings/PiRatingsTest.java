package com.sabiscore.ratings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PiRatingsTest {

    private final PiRatings pi = new PiRatings(0.035, 0.7, 3.0);

    @Test
    void aRatingOfThreeIsWorthNineGoalsOnTheLogScale() {
        // g(r) = 10^(r/3) - 1: r = 3 gives 9, symmetric for negative ratings
        assertThat(pi.goalDifferenceOf(3.0)).isCloseTo(9.0, within(1e-12));
        assertThat(pi.goalDifferenceOf(-3.0)).isCloseTo(-9.0, within(1e-12));
        assertThat(pi.goalDifferenceOf(0.0)).isZero();
    }

    @Test
    void errorsAreDiminishedLogarithmically() {
        assertThat(pi.diminishedError(9.0)).isCloseTo(3.0, within(1e-12));
        assertThat(pi.diminishedError(-9.0)).isCloseTo(-3.0, within(1e-12));
        assertThat(pi.diminishedError(1.0)).isCloseTo(3 * Math.log10(2), within(1e-12));
    }

    @Test
    void aHomeWinBetweenUnratedTeamsFollowsThePaperUpdate() {
        PiRatings.Update update = pi.update(0, 0, 0, 0, 1.0);

        double step = 0.035 * 3 * Math.log10(2);
        assertThat(update.homeTeamHome()).isCloseTo(step, within(1e-12));
        assertThat(update.homeTeamAway()).isCloseTo(0.7 * step, within(1e-12));
        assertThat(update.awayTeamAway()).isCloseTo(-step, within(1e-12));
        assertThat(update.awayTeamHome()).isCloseTo(-0.7 * step, within(1e-12));
    }

    @Test
    void aResultAsExpectedChangesNothing() {
        double expected = pi.expectedGoalDifference(0.6, -0.3);
        PiRatings.Update update = pi.update(0.6, 0.2, 0.1, -0.3, expected);

        assertThat(update.homeTeamHome()).isCloseTo(0.6, within(1e-12));
        assertThat(update.awayTeamAway()).isCloseTo(-0.3, within(1e-12));
    }

    @Test
    void onNeutralGroundBothRatingsOfATeamMoveTogether() {
        PiRatings.Update update = pi.updateNeutral(0.5, 0.1, 0.2, 0.0, 2.0);

        double homeStep = update.homeTeamHome() - 0.5;
        assertThat(homeStep).isPositive();
        assertThat(update.homeTeamAway() - 0.1).isCloseTo(homeStep, within(1e-12));
        assertThat(update.awayTeamHome() - 0.2).isCloseTo(-homeStep, within(1e-12));
    }
}
