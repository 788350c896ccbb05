package com.sabiscore.training;

import com.sabiscore.onnx.EnsembleDefinition;
import com.sabiscore.onnx.EnsembleMember;
import com.sabiscore.onnx.Stacker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fitted ensemble head in training form: the XGBoost booster, the softmax regression, the
 * probability pass-throughs and the stacker. {@link #predict} is the training-side reference the
 * exported ONNX graph must reproduce.
 */
public record TrainedEnsemble(List<String> featureNames, BoostedTreesTrainer.TrainedTrees trees,
                              SoftmaxRegression linear, List<EnsembleMember.Probabilities> probabilityMembers,
                              Stacker stacker) {

    public static final String TREES = "trees";
    public static final String LINEAR = "linear";

    public TrainedEnsemble {
        featureNames = List.copyOf(featureNames);
        probabilityMembers = List.copyOf(probabilityMembers);
    }

    public List<EnsembleMember> members() {
        List<EnsembleMember> members = new ArrayList<>();
        members.add(new EnsembleMember.Trees(TREES, trees.trees(), trees.offsetColumns()));
        members.add(linear.toMember(LINEAR));
        members.addAll(probabilityMembers);
        return members;
    }

    public List<String> memberNames() {
        return members().stream().map(EnsembleMember::name).toList();
    }

    /** [member][row][3] log-probabilities, members in {@link #members()} order. */
    public double[][][] memberLogProbabilities(float[][] rows) {
        return memberLogProbabilities(trees, linear, probabilityMembers, rows);
    }

    static double[][][] memberLogProbabilities(BoostedTreesTrainer.TrainedTrees trees, SoftmaxRegression linear,
                                              List<EnsembleMember.Probabilities> probabilityMembers, float[][] rows) {
        double[][][] result = new double[2 + probabilityMembers.size()][][];
        result[0] = trees.logProbabilities(rows);
        result[1] = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            result[1][i] = linear.logProbabilities(rows[i]);
        }
        for (int m = 0; m < probabilityMembers.size(); m++) {
            int[] columns = probabilityMembers.get(m).columns();
            double[][] logs = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                float[] row = rows[i];
                logs[i] = Stacker.logOfProbabilities(row[columns[0]], row[columns[1]], row[columns[2]]);
            }
            result[2 + m] = logs;
        }
        return result;
    }

    /** Ensemble probabilities [row][3] computed in Java from the members' own predictions. */
    public double[][] predict(float[][] rows) {
        return combine(stacker, memberLogProbabilities(rows));
    }

    static double[][] combine(Stacker stacker, double[][][] memberLogs) {
        int n = memberLogs[0].length;
        double[][] probabilities = new double[n][];
        double[][] rowLogs = new double[memberLogs.length][];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < memberLogs.length; m++) {
                rowLogs[m] = memberLogs[m][i];
            }
            probabilities[i] = stacker.combine(rowLogs);
        }
        return probabilities;
    }

    public EnsembleDefinition toDefinition(Map<String, String> metadata) {
        return new EnsembleDefinition(featureNames, members(), stacker, metadata);
    }
}
