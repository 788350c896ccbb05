package com.sabiscore.betting;

/**
 * What {@link BetSelector} recommends.
 *
 * @param bet            the outcome to back, or {@link Bet#NO_BET}
 * @param stake          fraction of the bankroll to stake (0 for no bet)
 * @param expectedValue  model probability x price - 1 of the bet (for no bet: of the best candidate;
 *                       0 when there is no price to compute it from)
 * @param price          the decimal price the bet is valued at, null when no price is known
 * @param reason         one sentence a punter understands
 */
public record BetDecision(Bet bet, double stake, double expectedValue, Double price, String reason) {

    public static BetDecision noBet(double expectedValue, String reason) {
        return new BetDecision(Bet.NO_BET, 0.0, expectedValue, null, reason);
    }

    public boolean isBet() {
        return bet != Bet.NO_BET;
    }
}
