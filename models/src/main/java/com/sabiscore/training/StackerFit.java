package com.sabiscore.training;

import com.sabiscore.onnx.Stacker;

/**
 * Fits the {@link Stacker} on held-out member predictions by minimising log-loss, with a light
 * L2 pull of every weight towards 1/M (an equal log-linear pool) so a small validation split
 * cannot push weights to extremes.
 */
final class StackerFit {

    private static final double L2 = 1e-3;

    private StackerFit() {
    }

    /**
     * @param memberLogProbabilities [member][row][3], out-of-sample
     * @param outcomes               0 home, 1 draw, 2 away
     */
    static Stacker fit(double[][][] memberLogProbabilities, int[] outcomes) {
        int members = memberLogProbabilities.length;
        int rows = outcomes.length;
        int biasOffset = members * 3;
        double prior = 1.0 / members;
        Lbfgs.Objective objective = (params, gradient) -> {
            java.util.Arrays.fill(gradient, 0.0);
            double loss = 0;
            double[] z = new double[3];
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < 3; c++) {
                    double s = params[biasOffset + c];
                    for (int m = 0; m < members; m++) {
                        s += params[m * 3 + c] * memberLogProbabilities[m][i][c];
                    }
                    z[c] = s;
                }
                double[] p = Stacker.softmax(z);
                loss -= Math.log(Math.max(p[outcomes[i]], 1e-300));
                for (int c = 0; c < 3; c++) {
                    double residual = p[c] - (c == outcomes[i] ? 1.0 : 0.0);
                    gradient[biasOffset + c] += residual;
                    for (int m = 0; m < members; m++) {
                        gradient[m * 3 + c] += residual * memberLogProbabilities[m][i][c];
                    }
                }
            }
            loss /= rows;
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] /= rows;
            }
            for (int k = 0; k < biasOffset; k++) {
                double d = params[k] - prior;
                loss += 0.5 * L2 * d * d;
                gradient[k] += L2 * d;
            }
            return loss;
        };
        double[] start = new double[biasOffset + 3];
        java.util.Arrays.fill(start, 0, biasOffset, prior);
        double[] params = Lbfgs.minimise(objective, start, 500, 1e-12);
        double[][] weights = new double[members][3];
        for (int m = 0; m < members; m++) {
            System.arraycopy(params, m * 3, weights[m], 0, 3);
        }
        double[] bias = new double[3];
        System.arraycopy(params, biasOffset, bias, 0, 3);
        // softmax ignores a shift shared by all classes: pin the home bias at zero for a readable card
        for (int c = 2; c >= 0; c--) {
            bias[c] -= bias[0];
        }
        return new Stacker(weights, bias);
    }
}
