package com.sabiscore.backtest;

import com.sabiscore.match.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Reliability of forecasts: for each outcome, forecasts are grouped into equal-width probability
 * bins and each bin's mean forecast is set against how often that outcome happened.
 */
public final class CalibrationTable {

    private final int bins;
    private final long[][] counts;
    private final double[][] forecastSums;
    private final long[][] hits;

    /** One bin of one outcome. */
    public record Bin(Outcome outcome, double lower, double upper, long count, double meanForecast, double observedRate) {
    }

    public CalibrationTable(int bins) {
        this.bins = bins;
        this.counts = new long[3][bins];
        this.forecastSums = new double[3][bins];
        this.hits = new long[3][bins];
    }

    public void add(double[] probabilities, Outcome outcome) {
        for (int c = 0; c < 3; c++) {
            int bin = Math.min(bins - 1, (int) (probabilities[c] * bins));
            counts[c][bin]++;
            forecastSums[c][bin] += probabilities[c];
            if (outcome.ordinal() == c) {
                hits[c][bin]++;
            }
        }
    }

    /** Every non-empty bin, outcomes in H, D, A order. */
    public List<Bin> bins() {
        List<Bin> result = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            int c = outcome.ordinal();
            for (int b = 0; b < bins; b++) {
                if (counts[c][b] > 0) {
                    result.add(new Bin(outcome, (double) b / bins, (double) (b + 1) / bins, counts[c][b],
                            forecastSums[c][b] / counts[c][b], (double) hits[c][b] / counts[c][b]));
                }
            }
        }
        return result;
    }
}
