package com.sabiscore.training;

import com.sabiscore.backtest.ForecastMetrics;
import com.sabiscore.match.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expanding-window validation: for each validation season in turn, an ensemble is trained on every
 * earlier season only and then forecasts that season. Each validation row is therefore predicted by
 * a model that never saw it or anything after it.
 */
public final class WalkForward {

    private static final Logger LOG = LoggerFactory.getLogger(WalkForward.class);

    /**
     * Out-of-sample forecasts.
     *
     * @param rowIndices indices into the full training set, to line up baselines on the same matches
     * @param ensemble   [row][3]
     * @param members    member name → [row][3] probabilities, members in stacker order
     */
    public record Result(int[] rowIndices, int[] outcomes, String[] seasons, double[][] ensemble,
                         Map<String, double[][]> members) {

        public ForecastMetrics.Summary ensembleMetrics() {
            return metrics(ensemble);
        }

        public ForecastMetrics.Summary metrics(double[][] probabilities) {
            ForecastMetrics metrics = new ForecastMetrics();
            for (int i = 0; i < outcomes.length; i++) {
                metrics.add(probabilities[i], Outcome.values()[outcomes[i]]);
            }
            return metrics.summary();
        }
    }

    private final EnsembleRecipe recipe;

    public WalkForward(EnsembleRecipe recipe) {
        this.recipe = recipe;
    }

    public Result run(TrainingSet data, List<String> validationSeasons) {
        return run(data, validationSeasons, (season, model) -> { });
    }

    /** Receives each season's model, trained on the seasons before it, e.g. to save it. */
    public interface FoldListener {
        void fitted(String validationSeason, TrainedEnsemble model) throws java.io.IOException;
    }

    /** Like {@link #run(TrainingSet, List)}, handing every fold's model to {@code listener} first. */
    public Result run(TrainingSet data, List<String> validationSeasons, FoldListener listener) {
        List<Integer> indices = new ArrayList<>();
        List<double[]> ensemble = new ArrayList<>();
        Map<String, List<double[]>> members = new LinkedHashMap<>();
        List<String> labels = data.seasonLabels();
        for (String season : validationSeasons) {
            int position = labels.indexOf(season);
            if (position < 0) {
                throw new IllegalArgumentException("validation season " + season + " not in the data");
            }
            List<String> earlier = labels.subList(0, position);
            TrainingSet train = data.seasons(earlier::contains);
            long started = System.nanoTime();
            TrainedEnsemble model = new EnsembleTrainer(recipe).train(train);
            try {
                listener.fitted(season, model);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot save the walk-forward model for " + season, e);
            }
            List<Integer> seasonRows = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.seasons()[i].equals(season)) {
                    seasonRows.add(i);
                }
            }
            float[][] rows = seasonRows.stream().map(i -> data.rows()[i]).toArray(float[][]::new);
            double[][][] memberLogs = model.memberLogProbabilities(rows);
            double[][] forecasts = TrainedEnsemble.combine(model.stacker(), memberLogs);
            List<String> names = model.memberNames();
            for (int r = 0; r < rows.length; r++) {
                indices.add(seasonRows.get(r));
                ensemble.add(forecasts[r]);
                for (int m = 0; m < names.size(); m++) {
                    members.computeIfAbsent(names.get(m), k -> new ArrayList<>()).add(exp(memberLogs[m][r]));
                }
            }
            model.trees().booster().dispose();
            LOG.info("walk-forward {}: trained on {} rows of {}..{}, forecast {} rows in {} s", season, train.size(),
                    earlier.get(0), earlier.get(earlier.size() - 1), rows.length,
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
        }
        int[] rowIndices = indices.stream().mapToInt(Integer::intValue).toArray();
        int[] outcomes = new int[rowIndices.length];
        String[] seasons = new String[rowIndices.length];
        for (int k = 0; k < rowIndices.length; k++) {
            outcomes[k] = data.outcomes()[rowIndices[k]];
            seasons[k] = data.seasons()[rowIndices[k]];
        }
        Map<String, double[][]> memberArrays = new LinkedHashMap<>();
        members.forEach((name, list) -> memberArrays.put(name, list.toArray(double[][]::new)));
        return new Result(rowIndices, outcomes, seasons, ensemble.toArray(double[][]::new), memberArrays);
    }

    private static double[] exp(double[] logs) {
        return new double[] {Math.exp(logs[0]), Math.exp(logs[1]), Math.exp(logs[2])};
    }
}
