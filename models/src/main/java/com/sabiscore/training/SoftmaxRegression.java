package com.sabiscore.training;

import com.sabiscore.onnx.EnsembleMember;

/**
 * The ensemble's linear member: multinomial logistic regression with L2, trained here in plain
 * Java (L-BFGS) rather than with XGBoost's deprecated {@code gblinear}, whose text dump also rounds
 * weights. Inputs are standardised while fitting; the scaling is folded into the exported weights
 * so the graph needs no separate scaler. Missing inputs take the training mean.
 */
public final class SoftmaxRegression {

    private static final int CLASSES = 3;

    private final float[][] weights;
    private final float[] bias;
    private final float[] means;
    private final boolean[] logInputs;

    private SoftmaxRegression(float[][] weights, float[] bias, float[] means, boolean[] logInputs) {
        this.weights = weights;
        this.bias = bias;
        this.means = means;
        this.logInputs = logInputs;
    }

    /**
     * Fits on rows with outcomes 0 (home), 1 (draw), 2 (away).
     *
     * @param rowWeights per-row weights, or null for equal weights
     * @param l2         penalty on the standardised weights, per unit of row weight (the loss is a weighted mean)
     * @param logInputs  columns (probabilities) the model sees as their log
     */
    public static SoftmaxRegression fit(float[][] rawRows, int[] outcomes, float[] rowWeights, double l2,
                                        boolean[] logInputs) {
        float[][] rows = new float[rawRows.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = transform(rawRows[i], logInputs);
        }
        int n = rows.length;
        int f = rows[0].length;
        double[] mean = new double[f];
        double[] sd = new double[f];
        standardisation(rows, mean, sd);
        double[][] z = new double[n][f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                float v = rows[i][j];
                z[i][j] = Float.isNaN(v) ? 0.0 : (v - mean[j]) / sd[j];
            }
        }
        int biasOffset = f * CLASSES;
        double totalWeight = 0;
        for (int i = 0; i < n; i++) {
            totalWeight += rowWeights == null ? 1.0 : rowWeights[i];
        }
        double weightSum = totalWeight;
        Lbfgs.Objective objective = (params, gradient) -> {
            java.util.Arrays.fill(gradient, 0.0);
            double loss = 0;
            double[] logits = new double[CLASSES];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < CLASSES; c++) {
                    double s = params[biasOffset + c];
                    for (int j = 0; j < f; j++) {
                        s += z[i][j] * params[j * CLASSES + c];
                    }
                    logits[c] = s;
                }
                double[] p = com.sabiscore.onnx.Stacker.softmax(logits);
                double w = rowWeights == null ? 1.0 : rowWeights[i];
                loss -= w * Math.log(Math.max(p[outcomes[i]], 1e-300));
                for (int c = 0; c < CLASSES; c++) {
                    double residual = w * (p[c] - (c == outcomes[i] ? 1.0 : 0.0));
                    gradient[biasOffset + c] += residual;
                    for (int j = 0; j < f; j++) {
                        gradient[j * CLASSES + c] += residual * z[i][j];
                    }
                }
            }
            loss /= weightSum;
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] /= weightSum;
            }
            for (int k = 0; k < biasOffset; k++) {
                loss += 0.5 * l2 * params[k] * params[k];
                gradient[k] += l2 * params[k];
            }
            return loss;
        };
        double[] params = Lbfgs.minimise(objective, new double[biasOffset + CLASSES], 300, 1e-10);
        float[][] folded = new float[f][CLASSES];
        float[] foldedBias = new float[CLASSES];
        float[] fill = new float[f];
        for (int c = 0; c < CLASSES; c++) {
            double b = params[biasOffset + c];
            for (int j = 0; j < f; j++) {
                double w = params[j * CLASSES + c] / sd[j];
                folded[j][c] = (float) w;
                b -= w * mean[j];
            }
            foldedBias[c] = (float) b;
        }
        for (int j = 0; j < f; j++) {
            fill[j] = (float) mean[j];
        }
        return new SoftmaxRegression(folded, foldedBias, fill, logInputs.clone());
    }

    /** The row as the model sees it: flagged columns as log(max(x, floor)), NaN kept as NaN. */
    private static float[] transform(float[] row, boolean[] logInputs) {
        float[] result = row.clone();
        for (int j = 0; j < row.length; j++) {
            if (logInputs[j] && !Float.isNaN(row[j])) {
                result[j] = (float) Math.log(Math.max(row[j], (float) com.sabiscore.onnx.Stacker.PROBABILITY_FLOOR));
            }
        }
        return result;
    }

    private static void standardisation(float[][] rows, double[] mean, double[] sd) {
        int f = mean.length;
        long[] count = new long[f];
        for (float[] row : rows) {
            for (int j = 0; j < f; j++) {
                if (!Float.isNaN(row[j])) {
                    mean[j] += row[j];
                    count[j]++;
                }
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] = count[j] == 0 ? 0 : mean[j] / count[j];
        }
        for (float[] row : rows) {
            for (int j = 0; j < f; j++) {
                if (!Float.isNaN(row[j])) {
                    sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
                }
            }
        }
        for (int j = 0; j < f; j++) {
            double variance = count[j] < 2 ? 0 : sd[j] / (count[j] - 1);
            // a constant column carries no information; a unit scale keeps its weight at zero harmlessly
            sd[j] = variance > 1e-12 ? Math.sqrt(variance) : 1.0;
        }
    }

    /** Log-probabilities of one row, computed as the exported graph does (float weights, NaN → mean). */
    public double[] logProbabilities(float[] rawRow) {
        float[] row = transform(rawRow, logInputs);
        double[] logits = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            double s = bias[c];
            for (int j = 0; j < row.length; j++) {
                float v = Float.isNaN(row[j]) ? means[j] : row[j];
                s += (double) v * weights[j][c];
            }
            logits[c] = s;
        }
        double[] p = com.sabiscore.onnx.Stacker.softmax(logits);
        return new double[] {Math.log(p[0]), Math.log(p[1]), Math.log(p[2])};
    }

    public EnsembleMember.Linear toMember(String name) {
        return new EnsembleMember.Linear(name, weights, bias, means, logInputs);
    }
}
