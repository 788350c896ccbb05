package com.sabiscore.training;

import java.util.List;

/**
 * The Elo baseline of the model card: a three-way softmax regression on the single {@code elo_diff}
 * feature, refitted for each walk-forward season on the earlier seasons only, exactly like the
 * ensemble it is compared with.
 */
final class EloBaseline {

    static final String FEATURE = "elo_diff";

    private EloBaseline() {
    }

    /** Elo forecasts for the walk-forward rows, in the order of {@code result.rowIndices()}. */
    static double[][] walkForward(TrainingSet data, WalkForward.Result result) {
        int column = data.column(FEATURE);
        TrainingSet elo = new TrainingSet(List.of(FEATURE), single(data.rows(), column), data.outcomes(), data.seasons());
        double[][] forecasts = new double[result.rowIndices().length][];
        List<String> labels = data.seasonLabels();
        String fittedFor = null;
        SoftmaxRegression model = null;
        for (int k = 0; k < forecasts.length; k++) {
            String season = result.seasons()[k];
            if (!season.equals(fittedFor)) {
                List<String> earlier = labels.subList(0, labels.indexOf(season));
                TrainingSet train = elo.seasons(earlier::contains);
                model = SoftmaxRegression.fit(train.rows(), train.outcomes(), null, 1e-4, new boolean[1]);
                fittedFor = season;
            }
            double[] logs = model.logProbabilities(elo.rows()[result.rowIndices()[k]]);
            forecasts[k] = new double[] {Math.exp(logs[0]), Math.exp(logs[1]), Math.exp(logs[2])};
        }
        return forecasts;
    }

    private static float[][] single(float[][] rows, int column) {
        float[][] result = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            result[i] = new float[] {rows[i][column]};
        }
        return result;
    }
}
