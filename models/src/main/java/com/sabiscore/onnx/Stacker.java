package com.sabiscore.onnx;

/**
 * Pools member log-probabilities into the ensemble's probabilities, a logistic regression on
 * log-probabilities: {@code z_c = sum_m weights[m][c] * log p_m,c + bias[c]}, {@code p = softmax(z)}.
 * With one weight per member and no bias this is the classic weighted log-linear pool; per-class
 * weights let a member be trusted more on draws than on wins.
 *
 * @param weights [memberCount][3]
 * @param bias    [3]
 */
public record Stacker(double[][] weights, double[] bias) {

    /** Smallest probability a member may report; keeps log finite. */
    public static final double PROBABILITY_FLOOR = 1e-6;

    public int memberCount() {
        return weights.length;
    }

    /**
     * Combines the members' log-probabilities for one row.
     *
     * @param memberLogProbabilities [memberCount][3]
     */
    public double[] combine(double[][] memberLogProbabilities) {
        double[] z = bias.clone();
        for (int m = 0; m < weights.length; m++) {
            for (int c = 0; c < z.length; c++) {
                z[c] += weights[m][c] * memberLogProbabilities[m][c];
            }
        }
        return softmax(z);
    }

    /** Numerically stable softmax. */
    public static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** Log-probabilities of a probability member, exactly as the exported graph computes them. */
    public static double[] logOfProbabilities(double home, double draw, double away) {
        double h = Math.max(home, PROBABILITY_FLOOR);
        double d = Math.max(draw, PROBABILITY_FLOOR);
        double a = Math.max(away, PROBABILITY_FLOOR);
        double sum = h + d + a;
        return new double[] {Math.log(h / sum), Math.log(d / sum), Math.log(a / sum)};
    }
}
