package com.sabiscore.training;

/**
 * Limited-memory BFGS for the small smooth convex problems in training (softmax regression,
 * the stacker). Deterministic: no randomness, so the same data always gives the same weights.
 */
final class Lbfgs {

    /** A function that fills {@code gradient} and returns its value at {@code x}. */
    interface Objective {
        double valueAndGradient(double[] x, double[] gradient);
    }

    private static final int HISTORY = 10;

    private Lbfgs() {
    }

    /** Minimises from {@code start}; stops after {@code maxIterations} or when progress stalls. */
    static double[] minimise(Objective objective, double[] start, int maxIterations, double tolerance) {
        int n = start.length;
        double[] x = start.clone();
        double[] gradient = new double[n];
        double value = objective.valueAndGradient(x, gradient);
        double[][] s = new double[HISTORY][];
        double[][] y = new double[HISTORY][];
        double[] rho = new double[HISTORY];
        int stored = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] direction = twoLoopDirection(gradient, s, y, rho, stored);
            double slope = dot(direction, gradient);
            if (slope >= 0) {
                direction = negate(gradient);
                slope = dot(direction, gradient);
                stored = 0;
            }
            double step = iteration == 0 && stored == 0 ? 1.0 / Math.max(1.0, Math.sqrt(dot(gradient, gradient))) : 1.0;
            double[] candidate = new double[n];
            double[] candidateGradient = new double[n];
            double candidateValue;
            int halvings = 0;
            while (true) {
                for (int i = 0; i < n; i++) {
                    candidate[i] = x[i] + step * direction[i];
                }
                candidateValue = objective.valueAndGradient(candidate, candidateGradient);
                if (candidateValue <= value + 1e-4 * step * slope || halvings > 40) {
                    break;
                }
                step *= 0.5;
                halvings++;
            }
            double[] sNew = new double[n];
            double[] yNew = new double[n];
            for (int i = 0; i < n; i++) {
                sNew[i] = candidate[i] - x[i];
                yNew[i] = candidateGradient[i] - gradient[i];
            }
            double sy = dot(sNew, yNew);
            double improvement = value - candidateValue;
            x = candidate;
            gradient = candidateGradient;
            value = candidateValue;
            if (sy > 1e-12) {
                if (stored == HISTORY) {
                    System.arraycopy(s, 1, s, 0, HISTORY - 1);
                    System.arraycopy(y, 1, y, 0, HISTORY - 1);
                    System.arraycopy(rho, 1, rho, 0, HISTORY - 1);
                    stored--;
                }
                s[stored] = sNew;
                y[stored] = yNew;
                rho[stored] = 1.0 / sy;
                stored++;
            }
            if (improvement >= 0 && improvement < tolerance * Math.max(1.0, Math.abs(value))) {
                break;
            }
        }
        return x;
    }

    private static double[] twoLoopDirection(double[] gradient, double[][] s, double[][] y, double[] rho, int stored) {
        double[] q = gradient.clone();
        double[] alpha = new double[stored];
        for (int k = stored - 1; k >= 0; k--) {
            alpha[k] = rho[k] * dot(s[k], q);
            axpy(-alpha[k], y[k], q);
        }
        if (stored > 0) {
            double scale = dot(s[stored - 1], y[stored - 1]) / dot(y[stored - 1], y[stored - 1]);
            for (int i = 0; i < q.length; i++) {
                q[i] *= scale;
            }
        }
        for (int k = 0; k < stored; k++) {
            double beta = rho[k] * dot(y[k], q);
            axpy(alpha[k] - beta, s[k], q);
        }
        return negate(q);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] negate(double[] v) {
        double[] result = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            result[i] = -v[i];
        }
        return result;
    }
}
