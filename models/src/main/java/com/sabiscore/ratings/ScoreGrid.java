package com.sabiscore.ratings;

/**
 * Probabilities of a match from two Poisson goal rates with the Dixon-Coles (1997) correction of
 * the four low scores (0-0, 1-0, 0-1, 1-1), summed over a 0..{@value #MAX_GOALS} goal grid and
 * renormalised so the truncated tail does not leak probability.
 *
 * @param pHome             home win
 * @param pDraw             draw
 * @param pAway             away win
 * @param pOver25           three goals or more
 * @param pBothTeamsScore   both teams score
 * @param likelyHomeGoals   home goals of the most likely score
 * @param likelyAwayGoals   away goals of the most likely score
 */
public record ScoreGrid(double pHome, double pDraw, double pAway, double pOver25, double pBothTeamsScore,
                        int likelyHomeGoals, int likelyAwayGoals) {

    public static final int MAX_GOALS = 10;

    /**
     * @param homeRate expected home goals (lambda)
     * @param awayRate expected away goals (mu)
     * @param rho      Dixon-Coles dependence; negative values add draws at 0-0 and 1-1
     */
    public static ScoreGrid of(double homeRate, double awayRate, double rho) {
        double[] homePmf = poissonPmf(homeRate);
        double[] awayPmf = poissonPmf(awayRate);
        double total = 0;
        double home = 0;
        double draw = 0;
        double over = 0;
        double bothScore = 0;
        double best = -1;
        int bestHome = 0;
        int bestAway = 0;
        for (int h = 0; h <= MAX_GOALS; h++) {
            for (int a = 0; a <= MAX_GOALS; a++) {
                double p = homePmf[h] * awayPmf[a] * lowScoreCorrection(h, a, homeRate, awayRate, rho);
                total += p;
                if (h > a) {
                    home += p;
                } else if (h == a) {
                    draw += p;
                }
                if (h + a > 2) {
                    over += p;
                }
                if (h > 0 && a > 0) {
                    bothScore += p;
                }
                if (p > best) {
                    best = p;
                    bestHome = h;
                    bestAway = a;
                }
            }
        }
        return new ScoreGrid(home / total, draw / total, (total - home - draw) / total,
                over / total, bothScore / total, bestHome, bestAway);
    }

    /** Dixon-Coles tau; clamped at zero so an extreme rho cannot produce a negative probability. */
    static double lowScoreCorrection(int homeGoals, int awayGoals, double homeRate, double awayRate, double rho) {
        double tau;
        if (homeGoals == 0 && awayGoals == 0) {
            tau = 1.0 - homeRate * awayRate * rho;
        } else if (homeGoals == 0 && awayGoals == 1) {
            tau = 1.0 + homeRate * rho;
        } else if (homeGoals == 1 && awayGoals == 0) {
            tau = 1.0 + awayRate * rho;
        } else if (homeGoals == 1 && awayGoals == 1) {
            tau = 1.0 - rho;
        } else {
            return 1.0;
        }
        return Math.max(0.0, tau);
    }

    private static double[] poissonPmf(double rate) {
        double[] pmf = new double[MAX_GOALS + 1];
        pmf[0] = Math.exp(-rate);
        for (int k = 1; k <= MAX_GOALS; k++) {
            pmf[k] = pmf[k - 1] * rate / k;
        }
        return pmf;
    }
}
