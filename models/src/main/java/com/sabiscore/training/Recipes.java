package com.sabiscore.training;

import java.util.List;
import java.util.Set;

/**
 * The production recipes of the two heads, chosen on the walk-forward seasons (see the model
 * cards and docs/backtest.md for the numbers behind each choice).
 */
public final class Recipes {

    static final EnsembleRecipe.ProbabilityColumns GOALS =
            new EnsembleRecipe.ProbabilityColumns("goals", "dc_home", "dc_draw", "dc_away");
    static final EnsembleRecipe.ProbabilityColumns PRICE_RATING = new EnsembleRecipe.ProbabilityColumns(
            "price_rating", "price_rating_home", "price_rating_draw", "price_rating_away");
    static final EnsembleRecipe.ProbabilityColumns SHARP =
            new EnsembleRecipe.ProbabilityColumns("sharp", "sharp_home", "sharp_draw", "sharp_away");
    static final EnsembleRecipe.ProbabilityColumns MARKET =
            new EnsembleRecipe.ProbabilityColumns("market", "market_home", "market_draw", "market_away");

    /** Probability-like features the linear member reads as logs. */
    static final Set<String> LOG_FEATURES = Set.of("dc_home", "dc_draw", "dc_away", "elo_expected_home",
            "market_home", "market_draw", "market_away", "best_implied_home", "best_implied_draw", "best_implied_away",
            "price_rating_home", "price_rating_draw", "price_rating_away", "sharp_home", "sharp_draw", "sharp_away");

    /** L2 of the linear member, per unit of row weight; chosen on the walk-forward seasons. */
    private static final double ODDS_LINEAR_L2 = 0.01;
    private static final double NO_ODDS_LINEAR_L2 = 0.03;
    private static final int STACKER_SEASONS = 3;

    private Recipes() {
    }

    /**
     * Trees boosted from the de-vigged market (they learn corrections to it from best prices,
     * spreads, totals and handicap lines), all seasons weighted equally: recency weighting cost
     * 0.0002 log-loss here, the market's relation to outcomes being stable. The lowest-margin
     * book's prices as a fourth pooled member gained 0.00003.
     */
    public static EnsembleRecipe withOdds() {
        return new EnsembleRecipe(0, trees(), MARKET, ODDS_LINEAR_L2, LOG_FEATURES,
                List.of(GOALS, MARKET, PRICE_RATING, SHARP), STACKER_SEASONS);
    }

    /**
     * Trees boosted from the market-rating probabilities (the strongest signal without odds:
     * trees 0.9806 from this prior, 0.9836 from the Dixon-Coles one); seasons weighted with a
     * four-season half-life, which gained 0.0002 log-loss (home advantage and scoring drift over
     * decades).
     */
    public static EnsembleRecipe withoutOdds() {
        return new EnsembleRecipe(4, trees(), PRICE_RATING, NO_ODDS_LINEAR_L2, LOG_FEATURES,
                List.of(GOALS, PRICE_RATING), STACKER_SEASONS);
    }

    /**
     * 50 rounds of depth-3 trees = 150 small trees: within the 10 µs single-fixture scoring goal;
     * 120 rounds gained under 0.0001 log-loss for over twice the scoring time.
     */
    private static BoostedTreesTrainer trees() {
        return new BoostedTreesTrainer(50, 3, 0.05, 100, 0.8, 0.8, 10.0);
    }
}
