package com.sabiscore.betting;

/**
 * The bet selection policy.
 *
 * @param minEdge               smallest expected value (probability x price - 1) worth a bet, e.g. 0.03
 * @param kellyFraction         share of the full Kelly stake to bet: full Kelly is too volatile when
 *                              probabilities are estimates
 * @param maxStake              stake cap as a fraction of the bankroll
 * @param maxPrice              no bets above this price: longshot edges are mostly model error
 * @param noOddsConfidence      without prices, back the favourite only when the model gives it at least this
 * @param noOddsStake           flat stake of such a bet (Kelly needs a price)
 */
public record BetConfig(double minEdge, double kellyFraction, double maxStake, double maxPrice,
                        double noOddsConfidence, double noOddsStake) {

    public BetConfig {
        if (kellyFraction <= 0 || kellyFraction > 1) {
            throw new IllegalArgumentException("kellyFraction must be in (0, 1], got " + kellyFraction);
        }
        if (maxStake <= 0 || maxStake > 1 || noOddsStake < 0 || noOddsStake > maxStake) {
            throw new IllegalArgumentException("stakes must be fractions of the bankroll with noOddsStake <= maxStake");
        }
    }

    public static BetConfig defaults() {
        return new BetConfig(0.03, 0.25, 0.05, 8.0, 0.65, 0.01);
    }
}
