package com.sabiscore.match;

/**
 * One bookmaker's (or one market aggregate's) decimal 1X2 prices for a fixture.
 *
 * @param bookmaker football-data prefix, e.g. {@code B365}, {@code PS}; aggregates use {@code Avg}/{@code Max}
 */
public record BookPrice(String bookmaker, double home, double draw, double away) {

    /** Sum of the implied probabilities; 1.0 would be a fair book. */
    public double overround() {
        return 1.0 / home + 1.0 / draw + 1.0 / away;
    }

    /**
     * A price row worth using: every price in (1.01, 100] and an overround a real book could
     * offer. Old football-data downloads carry a few typos (e.g. 219 for an away price).
     */
    public boolean isSane() {
        boolean pricesInRange = inRange(home) && inRange(draw) && inRange(away);
        if (!pricesInRange) {
            return false;
        }
        double overround = overround();
        return overround >= 0.98 && overround <= 1.30;
    }

    private static boolean inRange(double price) {
        return price >= 1.01 && price <= 100.0;
    }
}
