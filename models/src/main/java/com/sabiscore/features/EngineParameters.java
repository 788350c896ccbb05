package com.sabiscore.features;

import com.sabiscore.market.Devig;

/**
 * Every tuning constant of the {@link FeatureEngine}, with defaults from the literature or from
 * football common sense. Elo K, season regression and home-advantage rate, the pi learning rate
 * and shots weight, the Poisson half-life and rho were then picked from a small grid by the
 * log-loss of each rating on its own over the 2000-01..2023-24 league seasons (held-out seasons
 * never seen). The market-rating gains were picked the same way, by the walk-forward log-loss
 * (2019-20..2023-24) of a linear model on the features: gain 0.1 / 0.2 / 0.3 / 0.4 gave
 * 0.9813 / 0.9804 / 0.9800 / 0.9800, result gain 0 / 0.05 / 0.2 gave 0.9804 / 0.9803 / 0.9809.
 *
 * @param eloK                          Elo K factor: points at stake per match before the goal-difference multiplier
 * @param eloStart                      rating of every club in a league's first recorded season
 * @param eloInitialHomeAdvantage       home advantage in Elo points before the league has taught its own
 * @param eloHomeAdvantageLearningRate  share of each home side's rating change added to the league's home advantage
 * @param eloSeasonRegression           fraction of the way back to the league mean a rating moves between seasons
 * @param eloNewEntrantOffset           promoted/new club rating relative to the league mean before promoted clubs were seen
 * @param piLearningRate                pi-ratings lambda (Constantinou &amp; Fenton: 0.035; 0.05 fits these leagues better)
 * @param piCrossLearningRate           pi-ratings gamma (0.7)
 * @param piScale                       pi-ratings c: goals per decade of rating (3)
 * @param piSeasonRegression            fraction of the way back to zero pi-ratings move between seasons
 * @param piShotsOnTargetWeight         weight of the shots-on-target goal difference in the result the pi-ratings learn from
 *                                      (post-match information, used only after the match); 0 = goals only
 * @param goalsPerShotOnTarget          conversion from a shots-on-target difference to a goal difference
 * @param poissonHalfLifeDays           half-life of past matches in the attack/defence rates
 * @param poissonShrinkageMatches       pseudo-matches of league-average play pulling attack/defence towards 1
 * @param newEntrantPriorMatches        pseudo-matches of the promoted-club prior attack/defence a new club starts with
 * @param dixonColesRho                 Dixon-Coles low-score dependence (negative: more 0-0 and 1-1)
 * @param initialHomeGoals              league mean home goals before any result
 * @param initialAwayGoals              league mean away goals before any result
 * @param leagueLearningRate            exponential smoothing rate of the league goal means and mean rating, per match
 * @param newEntrantCalibrationMatches  a promoted club's ratings after this many matches teach the league's promoted-club prior
 * @param newEntrantPriorLearningRate   how far each such club moves the promoted-club prior
 * @param imputedPointsPerMatch         form of a club with no recent match (about the average points per match)
 * @param restDaysCap                   rest days above this count as this (and a club's first match counts as rested)
 * @param marketRatingGain              share of the gap between a match's de-vigged prices and the clubs' market
 *                                      ratings closed after the match (a club with few priced matches closes more)
 * @param marketRatingResultGain        market-rating points moved per point of result surprise (actual minus
 *                                      expected score), so ratings also move on results and without prices
 * @param marketRatingSeasonRegression  fraction of the way back to zero market ratings move between seasons
 * @param marketInitialHomeAdvantage    market home advantage, log(P(home)/P(away)), before the league's prices taught it
 * @param marketHomeAdvantageLearningRate share of each priced match's rating gap added to the league's market home advantage
 * @param marketInitialDrawFactor       league draw factor P(draw)/sqrt(P(home)P(away)) before any prices
 * @param marketDrawLearningRate        exponential smoothing rate of the draw factor, per priced match
 * @param devig                         how the market margin is removed
 */
public record EngineParameters(
        double eloK,
        double eloStart,
        double eloInitialHomeAdvantage,
        double eloHomeAdvantageLearningRate,
        double eloSeasonRegression,
        double eloNewEntrantOffset,
        double piLearningRate,
        double piCrossLearningRate,
        double piScale,
        double piSeasonRegression,
        double piShotsOnTargetWeight,
        double goalsPerShotOnTarget,
        double poissonHalfLifeDays,
        double poissonShrinkageMatches,
        double newEntrantPriorMatches,
        double dixonColesRho,
        double initialHomeGoals,
        double initialAwayGoals,
        double leagueLearningRate,
        int newEntrantCalibrationMatches,
        double newEntrantPriorLearningRate,
        double imputedPointsPerMatch,
        int restDaysCap,
        double marketRatingGain,
        double marketRatingResultGain,
        double marketRatingSeasonRegression,
        double marketInitialHomeAdvantage,
        double marketHomeAdvantageLearningRate,
        double marketInitialDrawFactor,
        double marketDrawLearningRate,
        Devig devig) {

    public static EngineParameters defaults() {
        return new EngineParameters(
                15.0, 1500.0, 65.0, 0.05, 0.3, -100.0,
                0.05, 0.7, 3.0, 0.1, 0.4, 0.32,
                365.0, 3.0, 6.0, -0.1,
                1.50, 1.10, 0.004,
                15, 0.2, 1.37, 21,
                0.3, 0.05, 0.05, 0.45, 0.01, 0.77, 0.01,
                Devig.POWER);
    }

    /** The same parameters with another de-vig method. */
    public EngineParameters withDevig(Devig method) {
        return new EngineParameters(eloK, eloStart, eloInitialHomeAdvantage, eloHomeAdvantageLearningRate,
                eloSeasonRegression, eloNewEntrantOffset, piLearningRate, piCrossLearningRate, piScale,
                piSeasonRegression, piShotsOnTargetWeight, goalsPerShotOnTarget, poissonHalfLifeDays,
                poissonShrinkageMatches, newEntrantPriorMatches, dixonColesRho, initialHomeGoals, initialAwayGoals,
                leagueLearningRate, newEntrantCalibrationMatches, newEntrantPriorLearningRate, imputedPointsPerMatch,
                restDaysCap, marketRatingGain, marketRatingResultGain, marketRatingSeasonRegression,
                marketInitialHomeAdvantage, marketHomeAdvantageLearningRate, marketInitialDrawFactor,
                marketDrawLearningRate, method);
    }
}
