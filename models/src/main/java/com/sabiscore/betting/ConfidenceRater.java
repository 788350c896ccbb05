package com.sabiscore.betting;

import com.sabiscore.market.MarketView;
import com.sabiscore.match.Outcome;

/**
 * Rates a prediction from two signals: how clearly the model separates its pick from the next
 * outcome (the margin between the top two probabilities), and whether the market agrees (the
 * largest gap between a model and a de-vigged market probability). A wide margin the market
 * confirms is HIGH; a narrow margin or a big disagreement with the market is LOW. Without a
 * market nothing confirms the model, so it rates at most MEDIUM.
 *
 * @param highMargin        margin needed for HIGH
 * @param lowMargin         margins below this are LOW
 * @param agreeDistance     market distance at most this counts as agreement (needed for HIGH)
 * @param disagreeDistance  market distance above this is LOW
 */
public record ConfidenceRater(double highMargin, double lowMargin, double agreeDistance, double disagreeDistance) {

    public static ConfidenceRater withDefaults() {
        return new ConfidenceRater(0.20, 0.08, 0.05, 0.12);
    }

    public Confidence rate(MatchProbabilities model, MarketView market) {
        double margin = model.margin();
        if (margin < lowMargin) {
            return Confidence.LOW;
        }
        if (!market.present()) {
            return Confidence.MEDIUM;
        }
        double distance = marketDistance(model, market);
        if (distance > disagreeDistance) {
            return Confidence.LOW;
        }
        return margin >= highMargin && distance <= agreeDistance ? Confidence.HIGH : Confidence.MEDIUM;
    }

    /** Largest absolute gap between the model's and the market's probability of an outcome. */
    public static double marketDistance(MatchProbabilities model, MarketView market) {
        double distance = 0;
        for (Outcome outcome : Outcome.values()) {
            distance = Math.max(distance, Math.abs(model.of(outcome) - market.probability(outcome)));
        }
        return distance;
    }
}
