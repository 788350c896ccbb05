package com.sabiscore.ratings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EloTest {

    @Test
    void equalRatingsOnNeutralGroundExpectHalfAPoint() {
        assertThat(Elo.expectedHomeScore(1500, 1500, 0)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void fourHundredPointsMeanTenToOneOdds() {
        // the Elo scale: a 400-point edge is a 10:1 expectation ratio
        double expected = Elo.expectedHomeScore(1900, 1500, 0);
        assertThat(expected / (1 - expected)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void homeAdvantageActsLikeExtraRatingPoints() {
        assertThat(Elo.expectedHomeScore(1500, 1500, 65))
                .isCloseTo(Elo.expectedHomeScore(1565, 1500, 0), within(1e-12))
                .isGreaterThan(0.5);
    }

    @ParameterizedTest(name = "{0}-{1} multiplies the change by {2}")
    @CsvSource({
            "0, 0, 1.0",     // draw
            "1, 0, 1.0",     // one-goal win
            "0, 2, 1.5",     // two goals
            "3, 0, 1.75",    // (11 + 3) / 8
            "7, 1, 2.125"    // (11 + 6) / 8
    })
    void biggerMarginsMoveRatingsMore(int home, int away, double multiplier) {
        assertThat(Elo.goalDifferenceMultiplier(home, away)).isEqualTo(multiplier);
    }

    @Test
    void aWinAgainstExpectationRaisesTheWinnerByKTimesTheSurprise() {
        double expected = Elo.expectedHomeScore(1500, 1500, 0);
        assertThat(Elo.homeRatingChange(20, expected, 1, 0)).isCloseTo(10.0, within(1e-12));
        assertThat(Elo.homeRatingChange(20, expected, 0, 1)).isCloseTo(-10.0, within(1e-12));
        assertThat(Elo.homeRatingChange(20, expected, 1, 1)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void aFavouriteDrawingLosesPoints() {
        double expected = Elo.expectedHomeScore(1700, 1500, 0);
        assertThat(Elo.homeRatingChange(20, expected, 2, 2)).isNegative();
    }

    @Test
    void regressionMovesTheRatingAFractionOfTheWayToTheMean() {
        assertThat(Elo.regressToMean(1700, 1500, 0.25)).isEqualTo(1650.0);
        assertThat(Elo.regressToMean(1300, 1500, 0.25)).isEqualTo(1350.0);
    }
}
