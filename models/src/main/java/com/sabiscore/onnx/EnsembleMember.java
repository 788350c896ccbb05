package com.sabiscore.onnx;

/**
 * One model inside the exported ensemble. Every member turns the feature row into log-probabilities
 * over (home, draw, away); the {@link Stacker} then pools them.
 */
public sealed interface EnsembleMember {

    /** Short name used in node names, metadata and the model card, e.g. {@code trees}. */
    String name();

    /** Gradient-boosted trees whose per-class margins go through a softmax. */
    record Trees(String name, BoostedTrees trees) implements EnsembleMember {
    }

    /**
     * Multinomial linear model on the raw features: {@code logits = x·weights + bias}, with input
     * standardisation already folded into {@code weights} and {@code bias}. A missing (NaN) input
     * is replaced by {@code fillValues[j]}, the training mean, so it contributes what an average
     * row would.
     *
     * @param weights [featureCount][3]
     */
    record Linear(String name, float[][] weights, float[] bias, float[] fillValues) implements EnsembleMember {
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
