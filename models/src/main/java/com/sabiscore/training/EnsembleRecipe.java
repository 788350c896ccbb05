package com.sabiscore.training;

import java.util.List;

/**
 * How to build one ensemble head: the tree settings and the prior the trees are boosted from, the
 * linear member's L2 and which features it takes as logs, which feature triples are passed through
 * as probability members, and how many of the latest training seasons are held back to fit the
 * stacker.
 *
 * @param recencyHalfLife    seasons after which a row counts half as much as one from the latest
 *                           training season; 0 weighs every season equally
 * @param treePrior          probabilities the trees start from (their log is the base margin), or null
 * @param logFeatures        feature names the linear member sees in log space
 * @param probabilityMembers name → the three feature names holding home/draw/away probabilities
 */
public record EnsembleRecipe(double recencyHalfLife, BoostedTreesTrainer trees, ProbabilityColumns treePrior, double linearL2,
                             java.util.Set<String> logFeatures, List<ProbabilityColumns> probabilityMembers,
                             int stackerSeasons) {

    /** A probability member: the feature names of its home, draw and away probabilities. */
    public record ProbabilityColumns(String name, String home, String draw, String away) {
    }

    public EnsembleRecipe {
        probabilityMembers = List.copyOf(probabilityMembers);
        logFeatures = java.util.Set.copyOf(logFeatures);
        if (stackerSeasons < 1) {
            throw new IllegalArgumentException("the stacker needs at least one held-back season");
        }
    }
}
