package com.sabiscore.ratings;

/**
 * pi-ratings (Constantinou &amp; Fenton 2013): every team has a home and an away rating, measured in
 * goal-difference units on a log scale. The expected goal difference is
 * {@code g(homeTeam.home) - g(awayTeam.away)} with {@code g(r) = sign(r) (10^{|r|/c} - 1)}; after the
 * match the error is diminished ({@code c log10(1 + |e|)}) so big wins do not swing ratings wildly,
 * the venue rating learns at rate lambda and the other rating of the same team follows at gamma.
 */
public final class PiRatings {

    private final double learningRate;
    private final double crossLearningRate;
    private final double scale;

    /**
     * @param learningRate      lambda, how fast the rating of the venue played learns (paper: 0.035)
     * @param crossLearningRate gamma, how much of that change the team's other venue rating takes (paper: 0.7)
     * @param scale             c, goals of difference per decade of rating (paper: 3)
     */
    public PiRatings(double learningRate, double crossLearningRate, double scale) {
        this.learningRate = learningRate;
        this.crossLearningRate = crossLearningRate;
        this.scale = scale;
    }

    /** Goal difference a rating is worth against an average team. */
    public double goalDifferenceOf(double rating) {
        double goals = Math.pow(10.0, Math.abs(rating) / scale) - 1.0;
        return rating < 0 ? -goals : goals;
    }

    /** Expected home-minus-away goal difference from the two ratings that apply at the venue. */
    public double expectedGoalDifference(double homeTeamRating, double awayTeamRating) {
        return goalDifferenceOf(homeTeamRating) - goalDifferenceOf(awayTeamRating);
    }

    /** The diminished error: large surprises count less than proportionally. */
    public double diminishedError(double error) {
        double diminished = scale * Math.log10(1.0 + Math.abs(error));
        return error < 0 ? -diminished : diminished;
    }

    /**
     * New ratings after a match.
     *
     * @param observedGoalDifference home minus away, possibly blended with a shots-based estimate
     */
    public Update update(double homeTeamHome, double homeTeamAway, double awayTeamHome, double awayTeamAway,
                         double observedGoalDifference) {
        double error = observedGoalDifference - expectedGoalDifference(homeTeamHome, awayTeamAway);
        double step = learningRate * diminishedError(error);
        return new Update(
                homeTeamHome + step, homeTeamAway + crossLearningRate * step,
                awayTeamHome - crossLearningRate * step, awayTeamAway - step);
    }

    /**
     * New ratings after a match on neutral ground: each team is rated by the mean of its two
     * ratings, and both of its ratings take the mean of the venue and cross steps.
     */
    public Update updateNeutral(double homeTeamHome, double homeTeamAway, double awayTeamHome, double awayTeamAway,
                                double observedGoalDifference) {
        double expected = expectedGoalDifference(
                (homeTeamHome + homeTeamAway) / 2.0, (awayTeamHome + awayTeamAway) / 2.0);
        double step = learningRate * diminishedError(observedGoalDifference - expected)
                * (1.0 + crossLearningRate) / 2.0;
        return new Update(homeTeamHome + step, homeTeamAway + step, awayTeamHome - step, awayTeamAway - step);
    }

    /** The four ratings after one match. */
    public record Update(double homeTeamHome, double homeTeamAway, double awayTeamHome, double awayTeamAway) {
    }
}
