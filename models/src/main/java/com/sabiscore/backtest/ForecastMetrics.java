package com.sabiscore.backtest;

import com.sabiscore.match.Outcome;

/**
 * Accumulates the proper scores of home/draw/away forecasts: log-loss (natural log), Brier summed
 * over the three outcomes, ranked probability score over the order H &lt; D &lt; A divided by 2
 * (so it lies in [0, 1]), and accuracy of the most likely outcome.
 */
public final class ForecastMetrics {

    /** Probabilities are floored here before the log so one overconfident miss stays finite. */
    private static final double LOG_FLOOR = 1e-15;

    private long matches;
    private double logLoss;
    private double brier;
    private double rps;
    private long correct;

    /** The averages so far. */
    public record Summary(long matches, double logLoss, double rps, double brier, double accuracy) {
    }

    public void add(double home, double draw, double away, Outcome outcome) {
        double[] p = {home, draw, away};
        int observed = outcome.ordinal();
        matches++;
        logLoss -= Math.log(Math.max(p[observed], LOG_FLOOR));
        double cumulativeForecast = 0;
        double cumulativeObserved = 0;
        double squaredCumulative = 0;
        for (int c = 0; c < 3; c++) {
            double indicator = c == observed ? 1.0 : 0.0;
            brier += (p[c] - indicator) * (p[c] - indicator);
            if (c < 2) {
                cumulativeForecast += p[c];
                cumulativeObserved += indicator;
                squaredCumulative += (cumulativeForecast - cumulativeObserved) * (cumulativeForecast - cumulativeObserved);
            }
        }
        rps += squaredCumulative / 2.0;
        int predicted = home >= draw && home >= away ? 0 : draw >= away ? 1 : 2;
        if (predicted == observed) {
            correct++;
        }
    }

    public void add(double[] probabilities, Outcome outcome) {
        add(probabilities[0], probabilities[1], probabilities[2], outcome);
    }

    public Summary summary() {
        if (matches == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Summary(matches, logLoss / matches, rps / matches, brier / matches, (double) correct / matches);
    }
}
