package com.sabiscore.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link EnsembleDefinition} as one self-contained ONNX model: input {@code features}
 * float [N, F], output {@code probabilities} float [N, 3] (home, draw, away), plus
 * {@code trees_margins} [N, 3] (the tree member's raw margins, for inspection).
 *
 * <p>The stacker pools member log-probabilities with one weight per member,
 * {@code p = softmax(Σ_m w_m · log p_m)}. Softmax ignores anything added equally to the three
 * classes, and every member's normalisation (log-softmax of the trees and of the linear logits,
 * renormalising probability features) is such a per-row constant times its weight, so the graph
 * leaves them all out and the pool becomes linear in three blocks:
 * {@code z = [x, log max(x, floor), tree margins] · M + b}, with the linear member's weights, the
 * probability members' and the tree prior's one-hot columns and the tree weight all folded into
 * M. Six nodes: Max, Log, TreeEnsembleRegressor, Concat, Gemm, Softmax. At batch size 1 each node
 * costs about a microsecond, so this is most of the scoring time saved. Inputs must be finite (the
 * engine guarantees it); missing values are honoured by the trees only.
 */
public final class EnsembleOnnxExporter {

    public static final int IR_VERSION = 8;
    public static final int DEFAULT_OPSET = 17;
    public static final int ML_OPSET = 3;
    /** Extra output: the tree member's margins before its prior is added. */
    public static final String TREE_MARGINS = "trees_margins";
    private static final int CLASS_COUNT = 3;

    private EnsembleOnnxExporter() {
    }

    /** The serialised ONNX model. */
    public static byte[] export(EnsembleDefinition definition) {
        return toModel(definition).toByteArray();
    }

    static ModelProto toModel(EnsembleDefinition definition) {
        int featureCount = definition.featureNames().size();
        OnnxGraph graph = new OnnxGraph("sabiscore_ensemble");
        graph.floatMatrixInput(ModelMetadata.INPUT, featureCount);

        // rows: features as given, their logs, the three tree margins; columns: classes
        float[][] pooled = new float[2 * featureCount + CLASS_COUNT][CLASS_COUNT];
        double[] bias = definition.stacker().bias().clone();
        String treeMargins = null;
        for (int m = 0; m < definition.members().size(); m++) {
            EnsembleMember member = definition.members().get(m);
            double weight = memberWeight(definition.stacker(), m, member);
            if (member instanceof EnsembleMember.Trees trees) {
                if (treeMargins != null) {
                    throw new IllegalArgumentException("at most one tree member, found a second: " + member.name());
                }
                treeMargins = treeMargins(graph, trees, featureCount);
                for (int c = 0; c < CLASS_COUNT; c++) {
                    pooled[2 * featureCount + c][c] += (float) weight;
                }
                if (trees.hasOffset()) {
                    addLogColumns(pooled, featureCount, trees.offsetColumns(), weight);
                }
            } else if (member instanceof EnsembleMember.Linear linear) {
                addLinear(pooled, bias, featureCount, linear, weight);
            } else {
                addLogColumns(pooled, featureCount, ((EnsembleMember.Probabilities) member).columns(), weight);
            }
        }
        String floor = graph.floatConstant("log_floor", new float[] {(float) Stacker.PROBABILITY_FLOOR});
        String logs = graph.node("Log", "feature_logs", graph.node("Max", "floored", ModelMetadata.INPUT, floor));
        String blocks = "pool_input";
        NodeProto.Builder concat = graph.newNode("Concat", blocks, ModelMetadata.INPUT, logs)
                .addAttribute(OnnxGraph.intAttribute("axis", 1));
        int rows = 2 * featureCount;
        if (treeMargins != null) {
            concat.addInput(treeMargins);
            rows += CLASS_COUNT;
        }
        graph.add(concat);
        float[] flat = new float[rows * CLASS_COUNT];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(pooled[r], 0, flat, r * CLASS_COUNT, CLASS_COUNT);
        }
        String matrix = graph.floatConstant("pool_weights", flat, rows, CLASS_COUNT);
        String logits = graph.node("Gemm", "ensemble_logits", blocks, matrix,
                graph.floatConstant("pool_bias", toFloats(bias), 1, CLASS_COUNT));
        graph.add(graph.newNode("Softmax", ModelMetadata.OUTPUT, logits).addAttribute(OnnxGraph.intAttribute("axis", 1)));
        graph.floatMatrixOutput(ModelMetadata.OUTPUT, CLASS_COUNT);
        if (treeMargins != null) {
            graph.floatMatrixOutput(treeMargins, CLASS_COUNT);
        }

        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("sabiscore")
                .setDomain("com.sabiscore")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(DEFAULT_OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(OnnxGraph.ML_DOMAIN).setVersion(ML_OPSET))
                .setGraph(graph.build());
        model.addMetadataProps(entry(ModelMetadata.FEATURE_NAMES, String.join(",", definition.featureNames())));
        model.addMetadataProps(entry(ModelMetadata.MEMBERS, String.join(",",
                definition.members().stream().map(EnsembleMember::name).toList())));
        for (Map.Entry<String, String> e : definition.metadata().entrySet()) {
            model.addMetadataProps(entry(e.getKey(), e.getValue()));
        }
        return model.build();
    }

    /** The member's stacker weight; the folding above needs the same weight for all three classes. */
    private static double memberWeight(Stacker stacker, int m, EnsembleMember member) {
        double[] weights = stacker.weights()[m];
        if (weights[0] != weights[1] || weights[0] != weights[2]) {
            throw new IllegalArgumentException("member " + member.name() + " has per-class stacker weights "
                    + java.util.Arrays.toString(weights) + "; the exported pool needs one weight per member");
        }
        return weights[0];
    }

    /** weight · log p for a home/draw/away column triple: one-hot rows in the log block. */
    private static void addLogColumns(float[][] pooled, int featureCount, int[] columns, double weight) {
        if (columns.length != CLASS_COUNT) {
            throw new IllegalArgumentException("probability member needs 3 columns, has " + columns.length);
        }
        for (int c = 0; c < CLASS_COUNT; c++) {
            pooled[featureCount + columns[c]][c] += (float) weight;
        }
    }

    /** weight · (x'·W + b), x' the row with the flagged columns in the log block. */
    private static void addLinear(float[][] pooled, double[] bias, int featureCount, EnsembleMember.Linear member,
                                  double weight) {
        if (member.weights().length != featureCount || member.logInputs().length != featureCount) {
            throw new IllegalArgumentException("linear member has " + member.weights().length + " weight rows and "
                    + member.logInputs().length + " log flags for " + featureCount + " features");
        }
        for (int j = 0; j < featureCount; j++) {
            int row = member.logInputs()[j] ? featureCount + j : j;
            for (int c = 0; c < CLASS_COUNT; c++) {
                pooled[row][c] += (float) (weight * member.weights()[j][c]);
            }
        }
        for (int c = 0; c < CLASS_COUNT; c++) {
            bias[c] += weight * member.bias()[c];
        }
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** The trees' per-class margins (their base score included unless they were boosted from a prior). */
    private static String treeMargins(OnnxGraph graph, EnsembleMember.Trees member, int featureCount) {
        BoostedTrees model = member.trees();
        if (model.classCount() != CLASS_COUNT) {
            throw new IllegalArgumentException("tree member must have 3 classes, has " + model.classCount());
        }
        TreeArrays arrays = new TreeArrays();
        for (int t = 0; t < model.trees().size(); t++) {
            BoostedTrees.Tree tree = model.trees().get(t);
            for (int node = 0; node < tree.nodeCount(); node++) {
                if (tree.isLeaf(node)) {
                    arrays.leaf(t, node, tree.classId(), tree.splitConditions()[node]);
                } else {
                    int feature = tree.splitIndices()[node];
                    if (feature >= featureCount) {
                        throw new IllegalArgumentException("tree " + t + " splits on feature " + feature
                                + " but the input has " + featureCount);
                    }
                    arrays.branch(t, node, feature, tree.splitConditions()[node],
                            tree.leftChildren()[node], tree.rightChildren()[node], tree.defaultLeft()[node]);
                }
            }
        }
        NodeProto.Builder ensemble = graph.newNode("TreeEnsembleRegressor", TREE_MARGINS, ModelMetadata.INPUT)
                .setDomain(OnnxGraph.ML_DOMAIN);
        arrays.addTo(ensemble);
        ensemble.addAttribute(OnnxGraph.intAttribute("n_targets", CLASS_COUNT))
                // boosted from a prior, XGBoost uses the prior instead of its base score
                .addAttribute(OnnxGraph.floatsAttribute("base_values",
                        member.hasOffset() ? new float[CLASS_COUNT] : model.baseMargins()))
                .addAttribute(OnnxGraph.stringAttribute("aggregate_function", "SUM"))
                .addAttribute(OnnxGraph.stringAttribute("post_transform", "NONE"));
        graph.add(ensemble);
        return TREE_MARGINS;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** The parallel node and target arrays of an ai.onnx.ml tree ensemble. */
    private static final class TreeArrays {
        private final List<Long> treeIds = new ArrayList<>();
        private final List<Long> nodeIds = new ArrayList<>();
        private final List<Long> featureIds = new ArrayList<>();
        private final List<Float> values = new ArrayList<>();
        private final List<String> modes = new ArrayList<>();
        private final List<Long> trueIds = new ArrayList<>();
        private final List<Long> falseIds = new ArrayList<>();
        private final List<Long> missingTracksTrue = new ArrayList<>();
        private final List<Long> targetTreeIds = new ArrayList<>();
        private final List<Long> targetNodeIds = new ArrayList<>();
        private final List<Long> targetIds = new ArrayList<>();
        private final List<Float> targetWeights = new ArrayList<>();

        void branch(int tree, int node, int feature, float threshold, int left, int right, boolean missingGoesLeft) {
            add(tree, node, feature, threshold, "BRANCH_LT", left, right, missingGoesLeft ? 1 : 0);
        }

        void leaf(int tree, int node, int classId, float value) {
            add(tree, node, 0, 0f, "LEAF", 0, 0, 0);
            targetTreeIds.add((long) tree);
            targetNodeIds.add((long) node);
            targetIds.add((long) classId);
            targetWeights.add(value);
        }

        private void add(int tree, int node, int feature, float value, String mode, int whenTrue, int whenFalse,
                         int missingTrue) {
            treeIds.add((long) tree);
            nodeIds.add((long) node);
            featureIds.add((long) feature);
            values.add(value);
            modes.add(mode);
            trueIds.add((long) whenTrue);
            falseIds.add((long) whenFalse);
            missingTracksTrue.add((long) missingTrue);
        }

        void addTo(NodeProto.Builder node) {
            node.addAttribute(OnnxGraph.intsAttribute("nodes_treeids", longs(treeIds)))
                    .addAttribute(OnnxGraph.intsAttribute("nodes_nodeids", longs(nodeIds)))
                    .addAttribute(OnnxGraph.intsAttribute("nodes_featureids", longs(featureIds)))
                    .addAttribute(OnnxGraph.floatsAttribute("nodes_values", floats(values)))
                    .addAttribute(OnnxGraph.stringsAttribute("nodes_modes", modes.toArray(String[]::new)))
                    .addAttribute(OnnxGraph.intsAttribute("nodes_truenodeids", longs(trueIds)))
                    .addAttribute(OnnxGraph.intsAttribute("nodes_falsenodeids", longs(falseIds)))
                    .addAttribute(OnnxGraph.intsAttribute("nodes_missing_value_tracks_true", longs(missingTracksTrue)))
                    .addAttribute(OnnxGraph.intsAttribute("target_treeids", longs(targetTreeIds)))
                    .addAttribute(OnnxGraph.intsAttribute("target_nodeids", longs(targetNodeIds)))
                    .addAttribute(OnnxGraph.intsAttribute("target_ids", longs(targetIds)))
                    .addAttribute(OnnxGraph.floatsAttribute("target_weights", floats(targetWeights)));
        }

        private static long[] longs(List<Long> values) {
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        private static float[] floats(List<Float> values) {
            float[] result = new float[values.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = values.get(i);
            }
            return result;
        }
    }
}
