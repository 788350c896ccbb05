package com.sabiscore.market;

/**
 * Removes the bookmaker margin from implied probabilities (1 / price). Both methods correct the
 * favourite-longshot bias that the naive proportional method keeps: books shade longshots more than
 * favourites, so the margin is taken mostly out of the longshots.
 */
public enum Devig {

    /**
     * Power method: finds k with {@code sum(pi_i^k) = 1} and returns {@code pi_i^k}. Raising to a
     * power above one shrinks small probabilities proportionally more than large ones.
     */
    POWER {
        @Override
        void fair(double[] implied, int n, double[] out) {
            // out holds ln(pi_i) during the Newton iteration on k
            for (int i = 0; i < n; i++) {
                out[i] = Math.log(implied[i]);
            }
            double k = 1.0;
            for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
                double sum = 0;
                double slope = 0;
                for (int i = 0; i < n; i++) {
                    double p = Math.exp(k * out[i]);
                    sum += p;
                    slope += p * out[i];
                }
                if (Math.abs(sum - 1.0) < TOLERANCE) {
                    break;
                }
                k -= (sum - 1.0) / slope;
            }
            for (int i = 0; i < n; i++) {
                out[i] = Math.exp(k * out[i]);
            }
        }
    },

    /**
     * Shin (1993): prices assume a share z of insider money; solves z so the fair probabilities
     * {@code (sqrt(z^2 + 4(1-z) pi_i^2 / B) - z) / (2(1-z))} sum to one (B = booksum), by bisection.
     */
    SHIN {
        @Override
        void fair(double[] implied, int n, double[] out) {
            double booksum = 0;
            for (int i = 0; i < n; i++) {
                booksum += implied[i];
            }
            double low = 0.0;
            double high = 0.99;
            while (high - low > TOLERANCE) {
                double z = (low + high) / 2.0;
                if (shinSum(implied, n, booksum, z) > 1.0) {
                    low = z;
                } else {
                    high = z;
                }
            }
            double z = (low + high) / 2.0;
            for (int i = 0; i < n; i++) {
                out[i] = shinProbability(implied[i], booksum, z);
            }
        }

        private double shinSum(double[] implied, int n, double booksum, double z) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += shinProbability(implied[i], booksum, z);
            }
            return sum;
        }

        private double shinProbability(double implied, double booksum, double z) {
            return (Math.sqrt(z * z + 4.0 * (1.0 - z) * implied * implied / booksum) - z) / (2.0 * (1.0 - z));
        }
    };

    private static final int MAX_ITERATIONS = 30;
    private static final double TOLERANCE = 1e-12;

    abstract void fair(double[] implied, int n, double[] out);

    /**
     * Fair probabilities from the first {@code n} implied probabilities, written into {@code out}
     * and renormalised to sum to exactly one (the solvers stop within 1e-12 of it).
     * {@code implied} is left unchanged.
     */
    public void probabilities(double[] implied, int n, double[] out) {
        fair(implied, n, out);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += out[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum;
        }
    }

    /** Convenience for a whole array of decimal prices. */
    public double[] fromPrices(double... prices) {
        double[] implied = new double[prices.length];
        for (int i = 0; i < prices.length; i++) {
            implied[i] = 1.0 / prices[i];
        }
        double[] out = new double[prices.length];
        probabilities(implied, prices.length, out);
        return out;
    }
}
