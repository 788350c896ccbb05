package com.sabiscore.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Builds labelled rows that look like match features: a few strength signals, a noisy copy of the
 * true outcome probabilities (as the goal model would provide) and some missing values. Outcomes
 * are drawn from known probabilities, so a model can be checked against the truth.
 */
public final class SyntheticMatches {

    public static final String GOAL_HOME = "goal_p_home";
    public static final String GOAL_DRAW = "goal_p_draw";
    public static final String GOAL_AWAY = "goal_p_away";

    private int rows = 4000;
    private int rowsPerSeason = 1000;
    private long seed = 7;
    private double missingShare = 0.05;

    public static SyntheticMatches syntheticMatches() {
        return new SyntheticMatches();
    }

    public SyntheticMatches rows(int rows) {
        this.rows = rows;
        return this;
    }

    public SyntheticMatches rowsPerSeason(int rowsPerSeason) {
        this.rowsPerSeason = rowsPerSeason;
        return this;
    }

    public SyntheticMatches seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SyntheticMatches missingShare(double missingShare) {
        this.missingShare = missingShare;
        return this;
    }

    public static List<String> featureNames() {
        return List.of("elo_diff", "form_diff", "rest_diff", "attack_home", "defence_away", GOAL_HOME, GOAL_DRAW, GOAL_AWAY);
    }

    /** True outcome probabilities of a row's strength signals. */
    static double[] truth(double eloDiff, double formDiff, double attackHome, double defenceAway) {
        double strength = 0.9 * eloDiff + 0.4 * formDiff + 0.3 * attackHome * defenceAway + 0.25;
        double home = 1 / (1 + Math.exp(-(strength - 0.6)));
        double notAway = 1 / (1 + Math.exp(-(strength + 0.6)));
        return new double[] {home, notAway - home, 1 - notAway};
    }

    public TrainingSet build() {
        Random random = new Random(seed);
        float[][] features = new float[rows][];
        int[] outcomes = new int[rows];
        String[] seasons = new String[rows];
        for (int i = 0; i < rows; i++) {
            double elo = random.nextGaussian();
            double form = random.nextGaussian();
            double rest = random.nextGaussian();
            double attack = random.nextGaussian();
            double defence = random.nextGaussian();
            double[] p = truth(elo, form, attack, defence);
            double[] noisy = noisyCopy(p, random);
            features[i] = new float[] {(float) elo, (float) form, (float) rest, (float) attack, (float) defence,
                    (float) noisy[0], (float) noisy[1], (float) noisy[2]};
            for (int j = 1; j < 5; j++) {
                if (random.nextDouble() < missingShare) {
                    features[i][j] = Float.NaN;
                }
            }
            double u = random.nextDouble();
            outcomes[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
            int startYear = 2000 + i / rowsPerSeason;
            seasons[i] = String.format("%d-%02d", startYear, (startYear + 1) % 100);
        }
        return new TrainingSet(featureNames(), features, outcomes, seasons);
    }

    private static double[] noisyCopy(double[] p, Random random) {
        double[] q = new double[3];
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            q[c] = p[c] * Math.exp(0.15 * random.nextGaussian());
            sum += q[c];
        }
        for (int c = 0; c < 3; c++) {
            q[c] /= sum;
        }
        return q;
    }

    /** A recipe small enough for tests: 40 rounds of depth-4 trees, the goal probabilities passed through. */
    public static EnsembleRecipe smallRecipe() {
        EnsembleRecipe.ProbabilityColumns goals = new EnsembleRecipe.ProbabilityColumns("goals", GOAL_HOME, GOAL_DRAW, GOAL_AWAY);
        return new EnsembleRecipe(0, new BoostedTreesTrainer(40, 4, 0.1, 5, 0.8, 0.9, 1.0), null, 1e-3,
                Set.of(GOAL_HOME, GOAL_DRAW, GOAL_AWAY), new ArrayList<>(List.of(goals)), 1);
    }

    /** The small recipe with its trees boosted from the goal probabilities instead of a base score. */
    public static EnsembleRecipe smallRecipeWithTreePrior() {
        EnsembleRecipe recipe = smallRecipe();
        return new EnsembleRecipe(recipe.recencyHalfLife(), recipe.trees(), recipe.probabilityMembers().get(0), recipe.linearL2(),
                recipe.logFeatures(), recipe.probabilityMembers(), recipe.stackerSeasons());
    }
}
