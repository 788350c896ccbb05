package com.sabiscore.training;

import com.sabiscore.onnx.BoostedTrees;
import com.sabiscore.onnx.Stacker;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.java.XGBoostJNI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains the ensemble's tree member with XGBoost ({@code multi:softprob}, histogram method,
 * fixed seed, two threads) and keeps the booster for parity checks next to the parsed trees
 * that go into ONNX.
 *
 * @param rounds       boosting rounds = trees per class; drives scoring latency
 * @param maxDepth     tree depth
 * @param learningRate eta
 */
public record BoostedTreesTrainer(int rounds, int maxDepth, double learningRate, double minChildWeight,
                                  double subsample, double columnSample, double l2) {

    private static final int SEED = 20240601;

    /**
     * A trained booster and its export form.
     *
     * @param offsetColumns feature indices of the prior the trees were boosted from, or empty
     */
    public record TrainedTrees(Booster booster, BoostedTrees trees, int[] offsetColumns) {

        /** Per-class probabilities from XGBoost itself, [rows][3]. */
        public float[][] predict(float[][] rows) {
            try {
                DMatrix matrix = matrix(rows, null, offsetColumns);
                try {
                    return booster.predict(matrix);
                } finally {
                    matrix.dispose();
                }
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost prediction failed", e);
            }
        }

        /** Log-probabilities, [rows][3]. */
        public double[][] logProbabilities(float[][] rows) {
            float[][] p = predict(rows);
            double[][] logs = new double[p.length][3];
            for (int i = 0; i < p.length; i++) {
                for (int c = 0; c < 3; c++) {
                    logs[i][c] = Math.log(Math.max(p[i][c], 1e-30));
                }
            }
            return logs;
        }
    }

    /**
     * Trains on rows with outcomes 0 (home), 1 (draw), 2 (away).
     *
     * @param weights       per-row weights, or null for equal weights
     * @param offsetColumns home/draw/away probability columns to boost from (their log is the
     *                      starting margin), or an empty array to start from XGBoost's base score
     */
    public TrainedTrees train(float[][] rows, int[] outcomes, float[] weights, int[] offsetColumns) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "multi:softprob");
        params.put("num_class", 3);
        params.put("tree_method", "hist");
        params.put("eta", learningRate);
        params.put("max_depth", maxDepth);
        params.put("min_child_weight", minChildWeight);
        params.put("subsample", subsample);
        params.put("colsample_bytree", columnSample);
        params.put("lambda", l2);
        params.put("seed", SEED);
        params.put("nthread", 2);
        params.put("verbosity", 0);
        try {
            DMatrix matrix = matrix(rows, outcomes, offsetColumns);
            if (weights != null) {
                matrix.setWeight(weights);
            }
            try {
                Booster booster = XGBoost.train(matrix, params, rounds, Map.of(), null, null);
                return new TrainedTrees(booster, BoostedTrees.fromSavedModelJson(booster.toByteArray("json")),
                        offsetColumns.clone());
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed", e);
        }
    }

    private static DMatrix matrix(float[][] rows, int[] outcomes, int[] offsetColumns) throws XGBoostError {
        int columns = rows[0].length;
        float[] flat = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * columns, columns);
        }
        DMatrix matrix = new DMatrix(flat, rows.length, columns, Float.NaN);
        if (outcomes != null) {
            float[] labels = new float[outcomes.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = outcomes[i];
            }
            matrix.setLabel(labels);
        }
        if (offsetColumns.length > 0) {
            float[] margins = new float[rows.length * 3];
            for (int i = 0; i < rows.length; i++) {
                float[] row = rows[i];
                double[] logs = Stacker.logOfProbabilities(row[offsetColumns[0]], row[offsetColumns[1]], row[offsetColumns[2]]);
                for (int c = 0; c < 3; c++) {
                    margins[i * 3 + c] = (float) logs[c];
                }
            }
            // DMatrix.setBaseMargin insists on one margin per row; multi-class needs one per row and
            // class (row-major), which the native call it wraps accepts
            if (XGBoostJNI.XGDMatrixSetFloatInfo(matrix.getHandle(), "base_margin", margins) != 0) {
                throw new XGBoostError("cannot set base margins: " + XGBoostJNI.XGBGetLastError());
            }
        }
        return matrix;
    }
}
