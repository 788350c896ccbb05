package com.sabiscore.training;

import java.util.List;

/**
 * How to build one ensemble head: the tree settings, the linear member's L2, which feature
 * triples are passed through as probability members, and how many of the latest training seasons
 * are held back to fit the stacker.
 *
 * @param probabilityMembers name → the three feature names holding home/draw/away probabilities
 */
public record EnsembleRecipe(BoostedTreesTrainer trees, double linearL2, List<ProbabilityColumns> probabilityMembers,
                             int stackerSeasons) {

    /** A probability member: the feature names of its home, draw and away probabilities. */
    public record ProbabilityColumns(String name, String home, String draw, String away) {
    }

    public EnsembleRecipe {
        probabilityMembers = List.copyOf(probabilityMembers);
        if (stackerSeasons < 1) {
            throw new IllegalArgumentException("the stacker needs at least one held-back season");
        }
    }
}
