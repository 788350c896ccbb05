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
    static final EnsembleRecipe.ProbabilityColumns MARKET =
            new EnsembleRecipe.ProbabilityColumns("market", "market_home", "market_draw", "market_away");

    /** Probability-like features the linear member reads as logs. */
    static final Set<String> LOG_FEATURES = Set.of("dc_home", "dc_draw", "dc_away", "elo_expected_home",
            "market_home", "market_draw", "market_away", "best_implied_home", "best_implied_draw", "best_implied_away");

    private Recipes() {
    }

    public static EnsembleRecipe withOdds() {
        return new EnsembleRecipe(0, new BoostedTreesTrainer(50, 3, 0.05, 100, 0.8, 0.8, 10.0), MARKET, 1e-3,
                LOG_FEATURES, List.of(GOALS, MARKET), 3);
    }

    public static EnsembleRecipe withoutOdds() {
        return new EnsembleRecipe(0, new BoostedTreesTrainer(50, 3, 0.05, 100, 0.8, 0.8, 10.0), GOALS, 1e-3,
                LOG_FEATURES, List.of(GOALS), 3);
    }
}
