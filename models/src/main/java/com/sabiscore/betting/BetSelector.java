package com.sabiscore.betting;

import com.sabiscore.market.MarketView;
import com.sabiscore.match.Outcome;


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
            StringBuilder reason = new StringBuilder(96).append("No price beats the model by the ");
            FixedPoint.append(reason, 100 * config.minEdge(), 1).append("% edge needed (best is ").append(describe(best)).append(" at ");
            FixedPoint.append(reason, price, 2).append(", ");
            return BetDecision.noBet(bestValue, signedPercent(reason, bestValue).append(").").toString());
        }
        if (price > config.maxPrice()) {
            StringBuilder reason = new StringBuilder(96).append("The only value is ").append(describe(best)).append(" at ");
            FixedPoint.append(reason, price, 2).append(", a longshot above the ");
            FixedPoint.append(reason, config.maxPrice(), 2).append(" limit where model error dominates.");
            return BetDecision.noBet(bestValue, reason.toString());
        }
        double stake = Math.min(config.maxStake(), config.kellyFraction() * kellyStake(model.of(best), price));
        StringBuilder reason = new StringBuilder(96).append("Back ").append(describe(best)).append(" at ");
        FixedPoint.append(reason, price, 2).append(": the model gives ");
        FixedPoint.append(reason, 100 * model.of(best), 0).append("% where the price implies ");
        FixedPoint.append(reason, 100 / price, 0).append("% (expected value ");
        return new BetDecision(Bet.on(best), stake, bestValue, price, signedPercent(reason, bestValue).append(").").toString());
    }

    private BetDecision withoutPrices(MatchProbabilities model) {
        Outcome favourite = model.favourite();
        double probability = model.of(favourite);
        if (probability < config.noOddsConfidence() || config.noOddsStake() == 0) {
            StringBuilder reason = new StringBuilder(96).append("No prices to judge value, and the model's pick (")
                    .append(describe(favourite)).append(", ");
            FixedPoint.append(reason, 100 * probability, 0).append("%) is below the ");
            FixedPoint.append(reason, 100 * config.noOddsConfidence(), 0).append("% needed to bet blind.");
            return BetDecision.noBet(0.0, reason.toString());
        }
        StringBuilder reason = new StringBuilder(80).append("No prices yet, but the model is confident in ")
                .append(describe(favourite)).append(" (");
        FixedPoint.append(reason, 100 * probability, 0).append("%): a small flat stake.");
        return new BetDecision(Bet.on(favourite), config.noOddsStake(), 0.0, null, reason.toString());
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

    /** As {@code %+.1f%%}: a sign always, plus for zero and positive values. */
    private static StringBuilder signedPercent(StringBuilder out, double value) {
        double percent = 100 * value;
        if (!(percent < 0 || (percent == 0 && 1 / percent < 0)) && !Double.isNaN(percent)) {
            out.append('+');
        }
        return FixedPoint.append(out, percent, 1).append('%');
    }
}
