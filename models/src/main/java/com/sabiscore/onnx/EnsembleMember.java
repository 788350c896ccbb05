package com.sabiscore.onnx;

/**
 * One model inside the exported ensemble. Every member turns the feature row into log-probabilities
 * over (home, draw, away); the {@link Stacker} then pools them.
 */
public sealed interface EnsembleMember {

    /** Short name used in node names, metadata and the model card, e.g. {@code trees}. */
    String name();

    /**
     * Gradient-boosted trees whose per-class margins go through a softmax. With offset columns the
     * trees were boosted from a prior: the log of those (renormalised) probability features is the
     * starting margin and the trees only learn corrections to it.
     *
     * @param offsetColumns feature indices of the prior's home/draw/away probabilities, or empty
     */
    record Trees(String name, BoostedTrees trees, int[] offsetColumns) implements EnsembleMember {

        public boolean hasOffset() {
            return offsetColumns.length > 0;
        }
    }

    /**
     * Multinomial linear model: {@code logits = x'·weights + bias}, with input standardisation
     * already folded into {@code weights} and {@code bias}. {@code x'} is the feature row with the
     * columns flagged in {@code logInputs} replaced by their log (probabilities act
     * multiplicatively, so a linear model wants them in log space). A missing (NaN) input is replaced
     * by {@code fillValues[j]}, the training mean of {@code x'_j}, so it contributes what an average
     * row would.
     *
     * @param weights [featureCount][3]
     */
    record Linear(String name, float[][] weights, float[] bias, float[] fillValues, boolean[] logInputs)
            implements EnsembleMember {
    }

    /**
     * Probabilities that are already features, e.g. the goal model's pH/pD/pA or de-vigged market
     * prices, picked out of the row by column index and renormalised.
     *
     * @param columns feature indices of the home, draw and away probabilities
     */
    record Probabilities(String name, int[] columns) implements EnsembleMember {
    }
}
