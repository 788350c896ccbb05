package com.sabiscore.training;

import com.sabiscore.onnx.EnsembleMember;
import com.sabiscore.onnx.Stacker;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits one ensemble head by blending: each of the latest {@link EnsembleRecipe#stackerSeasons()}
 * seasons is forecast by members fitted only on the seasons before it, the stacker is fitted on
 * those out-of-sample forecasts, then the members are refitted on every season and paired with
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
        List<EnsembleMember.Probabilities> probabilityMembers = probabilityMembers(data);
        EnsembleRecipe.ProbabilityColumns prior = recipe.treePrior();
        int[] treeOffset = prior == null ? new int[0]
                : new int[] {data.column(prior.home()), data.column(prior.draw()), data.column(prior.away())};
        boolean[] logInputs = new boolean[data.featureNames().size()];
        for (int j = 0; j < logInputs.length; j++) {
            logInputs[j] = recipe.logFeatures().contains(data.featureNames().get(j));
        }

        // each held-back season is forecast by members fitted on the seasons before it, exactly as
        // the served model forecasts the next season, and the stacker learns from all of them
        List<double[][][]> heldOutLogs = new ArrayList<>();
        List<int[]> heldOutOutcomes = new ArrayList<>();
        for (String season : heldSeasons) {
            List<String> earlier = seasons.subList(0, seasons.indexOf(season));
            TrainingSet memberRows = data.seasons(earlier::contains);
            TrainingSet seasonRows = data.seasons(season::equals);
            float[] memberWeights = recencyWeights(memberRows);
            LOG.info("fitting members on {} rows to forecast {} for the stacker", memberRows.size(), season);
            BoostedTreesTrainer.TrainedTrees earlyTrees = recipe.trees().train(memberRows.rows(), memberRows.outcomes(),
                    memberWeights, treeOffset);
            SoftmaxRegression earlyLinear = SoftmaxRegression.fit(memberRows.rows(), memberRows.outcomes(), memberWeights,
                    recipe.linearL2(), logInputs);
            heldOutLogs.add(TrainedEnsemble.memberLogProbabilities(earlyTrees, earlyLinear, probabilityMembers,
                    seasonRows.rows()));
            heldOutOutcomes.add(seasonRows.outcomes());
            earlyTrees.booster().dispose();
        }
        Stacker stacker = StackerFit.fit(concatenate(heldOutLogs), concatenateOutcomes(heldOutOutcomes));
        float[] weights = recencyWeights(data);

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

    private static double[][][] concatenate(List<double[][][]> parts) {
        int members = parts.get(0).length;
        double[][][] joined = new double[members][][];
        for (int m = 0; m < members; m++) {
            List<double[]> rows = new ArrayList<>();
            for (double[][][] part : parts) {
                rows.addAll(List.of(part[m]));
            }
            joined[m] = rows.toArray(double[][]::new);
        }
        return joined;
    }

    private static int[] concatenateOutcomes(List<int[]> parts) {
        return parts.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    private List<EnsembleMember.Probabilities> probabilityMembers(TrainingSet data) {
        return recipe.probabilityMembers().stream()
                .map(p -> new EnsembleMember.Probabilities(p.name(),
                        new int[] {data.column(p.home()), data.column(p.draw()), data.column(p.away())}))
                .toList();
    }
}
