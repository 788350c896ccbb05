package com.sabiscore.ratings;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreGridTest {

    @ParameterizedTest(name = "rates {0}/{1}, rho {2}")
    @CsvSource({
            "1.5, 1.1, -0.08",   // a typical league match
            "0.3, 0.2, -0.2",    // very low scoring, strong correction
            "4.0, 0.4, 0.0",     // a mismatch, plain Poisson
            "6.0, 5.0, -0.05"    // heavy tails: the truncation at 10 goals matters
    })
    void outcomesSumToOneAndSecondaryMarketsAreProbabilities(double home, double away, double rho) {
        ScoreGrid grid = ScoreGrid.of(home, away, rho);

        assertThat(grid.pHome() + grid.pDraw() + grid.pAway()).isCloseTo(1.0, within(1e-12));
        assertThat(grid.pOver25()).isBetween(0.0, 1.0);
        assertThat(grid.pBothTeamsScore()).isBetween(0.0, 1.0);
    }

    @Test
    void withoutCorrectionTheDrawIsTheSumOfEqualPoissonScores() {
        double lambda = 1.4;
        double mu = 1.2;
        double draw = 0;
        double total = 0;
        for (int h = 0; h <= 10; h++) {
            for (int a = 0; a <= 10; a++) {
                double p = poisson(lambda, h) * poisson(mu, a);
                total += p;
                if (h == a) {
                    draw += p;
                }
            }
        }

        ScoreGrid grid = ScoreGrid.of(lambda, mu, 0.0);

        assertThat(grid.pDraw()).isCloseTo(draw / total, within(1e-12));
        assertThat(grid.pBothTeamsScore())
                .isCloseTo((1 - Math.exp(-lambda)) * (1 - Math.exp(-mu)), within(1e-6));
    }

    @Test
    void negativeRhoAddsDraws() {
        assertThat(ScoreGrid.of(1.3, 1.1, -0.1).pDraw()).isGreaterThan(ScoreGrid.of(1.3, 1.1, 0.0).pDraw());
    }

    @Test
    void theLikelyScoreFollowsTheRates() {
        ScoreGrid grid = ScoreGrid.of(2.6, 0.4, -0.05);
        assertThat(grid.likelyHomeGoals()).isEqualTo(2);
        assertThat(grid.likelyAwayGoals()).isZero();
    }

    private static double poisson(double rate, int k) {
        double p = Math.exp(-rate);
        for (int i = 1; i <= k; i++) {
            p *= rate / i;
        }
        return p;
    }
}
