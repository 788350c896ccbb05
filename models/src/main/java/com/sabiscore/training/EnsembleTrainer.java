package com.sabiscore.training;

import com.sabiscore.onnx.EnsembleMember;
import com.sabiscore.onnx.Stacker;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits one ensemble head by blending: the members are first fitted on all but the latest
 * {@link EnsembleRecipe#stackerSeasons()} seasons, the stacker is fitted on their chronologically
 * later, out-of-sample predictions, then the members are refitted on every season and paired with
 * that stacker.
 */
public final class EnsembleTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(EnsembleTrainer.class);

    private final EnsembleRecipe recipe;

    public EnsembleTrainer(EnsembleRecipe recipe) {
        this.recipe = recipe;
    }

    public TrainedEnsemble train(TrainingSet data) {
        List<String> seasons = data.seasonLabels();
        if (seasons.size() <= recipe.stackerSeasons()) {
            throw new IllegalArgumentException("need more than " + recipe.stackerSeasons() + " seasons, have " + seasons);
        }
        List<String> heldSeasons = seasons.subList(seasons.size() - recipe.stackerSeasons(), seasons.size());
        Set<String> held = Set.copyOf(heldSeasons);
        TrainingSet memberRows = data.seasons(s -> !held.contains(s));
        TrainingSet stackerRows = data.seasons(held::contains);
        List<EnsembleMember.Probabilities> probabilityMembers = probabilityMembers(data);
        EnsembleRecipe.ProbabilityColumns prior = recipe.treePrior();
        int[] treeOffset = prior == null ? new int[0]
                : new int[] {data.column(prior.home()), data.column(prior.draw()), data.column(prior.away())};
        boolean[] logInputs = new boolean[data.featureNames().size()];
        for (int j = 0; j < logInputs.length; j++) {
            logInputs[j] = recipe.logFeatures().contains(data.featureNames().get(j));
        }

        float[] memberWeights = recencyWeights(memberRows);
        float[] weights = recencyWeights(data);
        LOG.info("fitting members on {} rows, stacker on {} rows ({})", memberRows.size(), stackerRows.size(), heldSeasons);
        BoostedTreesTrainer.TrainedTrees earlyTrees = recipe.trees().train(memberRows.rows(), memberRows.outcomes(), memberWeights, treeOffset);
        SoftmaxRegression earlyLinear = SoftmaxRegression.fit(memberRows.rows(), memberRows.outcomes(), memberWeights,
                recipe.linearL2(), logInputs);
        double[][][] heldOutLogs = TrainedEnsemble.memberLogProbabilities(earlyTrees, earlyLinear, probabilityMembers,
                stackerRows.rows());
        Stacker stacker = StackerFit.fit(heldOutLogs, stackerRows.outcomes());
        earlyTrees.booster().dispose();

        LOG.info("refitting members on all {} rows", data.size());
        BoostedTreesTrainer.TrainedTrees trees = recipe.trees().train(data.rows(), data.outcomes(), weights, treeOffset);
        SoftmaxRegression linear = SoftmaxRegression.fit(data.rows(), data.outcomes(), weights, recipe.linearL2(), logInputs);
        return new TrainedEnsemble(data.featureNames(), trees, linear, probabilityMembers, stacker);
    }

    /**
     * Halves a row's weight every {@code recencyHalfLife} seasons back from the latest season in
     * the set: football drifts (home advantage, scoring, how prices are made) and recent seasons
     * say more about the next one.
     */
    private float[] recencyWeights(TrainingSet rows) {
        if (recipe.recencyHalfLife() <= 0) {
            return null;
        }
        List<String> labels = rows.seasonLabels();
        java.util.Map<String, Integer> age = new java.util.HashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            age.put(labels.get(k), labels.size() - 1 - k);
        }
        float[] weights = new float[rows.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) Math.pow(0.5, age.get(rows.seasons()[i]) / recipe.recencyHalfLife());
        }
        return weights;
    }

    private List<EnsembleMember.Probabilities> probabilityMembers(TrainingSet data) {
        return recipe.probabilityMembers().stream()
                .map(p -> new EnsembleMember.Probabilities(p.name(),
                        new int[] {data.column(p.home()), data.column(p.draw()), data.column(p.away())}))
                .toList();
    }
}
