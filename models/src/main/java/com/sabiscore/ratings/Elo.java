package com.sabiscore.ratings;

/**
 * Elo maths for football: logistic expectation on a 400-point scale, a goal-difference multiplier
 * (World Football Elo style) so a 4-0 moves ratings more than a 1-0, and regression toward a mean.
 */
public final class Elo {

    private Elo() {
    }

    /**
     * Expected score (win = 1, draw = 0.5) of the home side.
     *
     * @param homeAdvantage Elo points added to the home side; 0 on neutral ground
     */
    public static double expectedHomeScore(double homeRating, double awayRating, double homeAdvantage) {
        return 1.0 / (1.0 + Math.pow(10.0, (awayRating - homeRating - homeAdvantage) / 400.0));
    }

    /** Actual score of the home side: 1 for a win, 0.5 for a draw, 0 for a loss. */
    public static double actualHomeScore(int homeGoals, int awayGoals) {
        return homeGoals > awayGoals ? 1.0 : homeGoals == awayGoals ? 0.5 : 0.0;
    }

    /** 1 for a draw or a one-goal margin, 1.5 for two goals, (11 + margin) / 8 beyond. */
    public static double goalDifferenceMultiplier(int homeGoals, int awayGoals) {
        int margin = Math.abs(homeGoals - awayGoals);
        if (margin <= 1) {
            return 1.0;
        }
        if (margin == 2) {
            return 1.5;
        }
        return (11.0 + margin) / 8.0;
    }

    /** Points the home side gains (the away side loses as many: Elo is zero-sum). */
    public static double homeRatingChange(double k, double expectedHomeScore, int homeGoals, int awayGoals) {
        return k * goalDifferenceMultiplier(homeGoals, awayGoals)
                * (actualHomeScore(homeGoals, awayGoals) - expectedHomeScore);
    }

    /** Pulls a rating a fraction of the way back to the mean (between seasons: squads change). */
    public static double regressToMean(double rating, double mean, double fraction) {
        return rating + (mean - rating) * fraction;
    }
}
