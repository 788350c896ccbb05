package com.sabiscore.betting;

import com.sabiscore.market.MarketView;
import com.sabiscore.match.Outcome;

import java.util.Locale;

/**
 * Picks at most one 1X2 bet: the outcome whose best offered price gives the highest expected
 * value {@code p x price - 1}, if that clears the minimum edge, staked at a capped fraction of the
 * Kelly stake {@code EV / (price - 1)}. Without prices it backs only a favourite the model is
 * confident about, at a flat stake. Pure: the same inputs always give the same decision.
 */
public final class BetSelector {

    private final BetConfig config;

    public BetSelector(BetConfig config) {
        this.config = config;
    }

    public static BetSelector withDefaults() {
        return new BetSelector(BetConfig.defaults());
    }

    public BetConfig config() {
        return config;
    }

    /**
     * @param model  the model's probabilities
     * @param market the fixture's market ({@link MarketView#NONE} without prices); its best prices are used
     */
    public BetDecision select(MatchProbabilities model, MarketView market) {
        if (!market.present()) {
            return withoutPrices(model);
        }
        Outcome best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (Outcome outcome : Outcome.values()) {
            double value = expectedValue(model.of(outcome), market.best(outcome));
            if (value > bestValue) {
                bestValue = value;
                best = outcome;
            }
        }
        double price = market.best(best);
        if (bestValue < config.minEdge()) {
            return BetDecision.noBet(bestValue, String.format(Locale.ROOT,
                    "No price beats the model by the %.1f%% edge needed (best is %s at %.2f, %s).",
                    100 * config.minEdge(), describe(best), price, signedPercent(bestValue)));
        }
        if (price > config.maxPrice()) {
            return BetDecision.noBet(bestValue, String.format(Locale.ROOT,
                    "The only value is %s at %.2f, a longshot above the %.2f limit where model error dominates.",
                    describe(best), price, config.maxPrice()));
        }
        double stake = Math.min(config.maxStake(), config.kellyFraction() * kellyStake(model.of(best), price));
        return new BetDecision(Bet.on(best), stake, bestValue, price, String.format(Locale.ROOT,
                "Back %s at %.2f: the model gives %.0f%% where the price implies %.0f%% (expected value %s).",
                describe(best), price, 100 * model.of(best), 100 / price, signedPercent(bestValue)));
    }

    private BetDecision withoutPrices(MatchProbabilities model) {
        Outcome favourite = model.favourite();
        double probability = model.of(favourite);
        if (probability < config.noOddsConfidence() || config.noOddsStake() == 0) {
            return BetDecision.noBet(0.0, String.format(Locale.ROOT,
                    "No prices to judge value, and the model's pick (%s, %.0f%%) is below the %.0f%% needed to bet blind.",
                    describe(favourite), 100 * probability, 100 * config.noOddsConfidence()));
        }
        return new BetDecision(Bet.on(favourite), config.noOddsStake(), 0.0, null, String.format(Locale.ROOT,
                "No prices yet, but the model is confident in %s (%.0f%%): a small flat stake.",
                describe(favourite), 100 * probability));
    }

    /** Expected profit per unit staked. */
    public static double expectedValue(double probability, double price) {
        return probability * price - 1.0;
    }

    /** Full Kelly fraction of the bankroll: edge over net odds, never negative. */
    public static double kellyStake(double probability, double price) {
        return Math.max(0.0, expectedValue(probability, price) / (price - 1.0));
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case HOME -> "the home win";
            case DRAW -> "the draw";
            case AWAY -> "the away win";
        };
    }

    private static String signedPercent(double value) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * value);
    }
}
