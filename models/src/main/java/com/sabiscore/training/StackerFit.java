package com.sabiscore.training;

import com.sabiscore.onnx.Stacker;

/**
 * Fits the {@link Stacker} on held-out member predictions by minimising log-loss: one weight per
 * member, shared by the three outcomes, and no class bias (a weighted log-linear pool). On the
 * walk-forward seasons per-class weights and a bias fitted to three held-back seasons only added
 * noise (with-odds head 0.9735 against 0.9730 log-loss): the members are already calibrated, and
 * base rates drift between seasons. A light L2 pull towards 1/M keeps weights sane when members
 * are nearly collinear.
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
        double prior = 1.0 / members;
        Lbfgs.Objective objective = (weights, gradient) -> {
            java.util.Arrays.fill(gradient, 0.0);
            double loss = 0;
            double[] z = new double[3];
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int m = 0; m < members; m++) {
                        s += weights[m] * memberLogProbabilities[m][i][c];
                    }
                    z[c] = s;
                }
                double[] p = Stacker.softmax(z);
                loss -= Math.log(Math.max(p[outcomes[i]], 1e-300));
                for (int c = 0; c < 3; c++) {
                    double residual = p[c] - (c == outcomes[i] ? 1.0 : 0.0);
                    for (int m = 0; m < members; m++) {
                        gradient[m] += residual * memberLogProbabilities[m][i][c];
                    }
                }
            }
            loss /= rows;
            for (int m = 0; m < members; m++) {
                gradient[m] /= rows;
                double d = weights[m] - prior;
                loss += 0.5 * L2 * d * d;
                gradient[m] += L2 * d;
            }
            return loss;
        };
        double[] start = new double[members];
        java.util.Arrays.fill(start, prior);
        double[] fitted = Lbfgs.minimise(objective, start, 500, 1e-12);
        double[][] weights = new double[members][];
        for (int m = 0; m < members; m++) {
            weights[m] = new double[] {fitted[m], fitted[m], fitted[m]};
        }
        return new Stacker(weights, new double[3]);
    }
}
