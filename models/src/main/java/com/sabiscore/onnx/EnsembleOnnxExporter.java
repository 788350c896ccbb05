package com.sabiscore.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link EnsembleDefinition} as one self-contained ONNX model: input {@code features}
 * float [N, F], output {@code probabilities} float [N, 3] (home, draw, away). Each member also
 * exposes its log-probabilities as an extra output {@code logp_<member>} so the model can be
 * inspected member by member.
 *
 * <p>Graph: trees → {@code TreeEnsembleRegressor} margins (+ base score) → LogSoftmax;
 * linear → NaN fill, MatMul, Add → LogSoftmax; probability features → Gather, floor, renormalise,
 * Log; then {@code Σ_m w_m ⊙ logp_m + b} → Softmax.
 */
public final class EnsembleOnnxExporter {

    public static final int IR_VERSION = 8;
    public static final int DEFAULT_OPSET = 17;
    public static final int ML_OPSET = 3;
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
        Map<String, String> sharedLogs = new HashMap<>();

        // probability members first, so a tree prior reading the same columns reuses their nodes
        for (EnsembleMember member : definition.members()) {
            if (member instanceof EnsembleMember.Probabilities probabilities) {
                logOfColumns(graph, member.name() + "_", probabilities.columns(), sharedLogs, "logp_" + member.name());
            }
        }
        List<String> weighted = new ArrayList<>();
        for (int m = 0; m < definition.members().size(); m++) {
            EnsembleMember member = definition.members().get(m);
            String output = memberLogProbabilities(graph, member, featureCount, sharedLogs);
            graph.floatMatrixOutput(output, CLASS_COUNT);
            String weights = graph.floatConstant("stack_w_" + member.name(),
                    toFloats(definition.stacker().weights()[m]), CLASS_COUNT);
            weighted.add(graph.node("Mul", member.name() + "_weighted", output, weights));
        }
        String pooled = graph.node("Sum", "pooled", weighted.toArray(String[]::new));
        // every node costs about a microsecond per run at batch size 1: skip a bias that is all zeros
        boolean hasBias = java.util.Arrays.stream(definition.stacker().bias()).anyMatch(b -> b != 0);
        String logits = hasBias ? graph.node("Add", "ensemble_logits", pooled,
                graph.floatConstant("stack_bias", toFloats(definition.stacker().bias()), CLASS_COUNT)) : pooled;
        graph.add(graph.newNode("Softmax", ModelMetadata.OUTPUT, logits).addAttribute(OnnxGraph.intAttribute("axis", 1)));
        graph.floatMatrixOutput(ModelMetadata.OUTPUT, CLASS_COUNT);

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

    /**
     * @param sharedLogs log-probabilities already computed for a column triple (a tree prior and a
     *                   probability member often read the same columns), so each is built once
     */
    private static String memberLogProbabilities(OnnxGraph graph, EnsembleMember member, int featureCount,
                                                 Map<String, String> sharedLogs) {
        if (member instanceof EnsembleMember.Trees trees) {
            return treeLogProbabilities(graph, trees, featureCount, sharedLogs);
        }
        if (member instanceof EnsembleMember.Linear linear) {
            return linearLogProbabilities(graph, linear, featureCount);
        }
        return sharedLogs.get(java.util.Arrays.toString(((EnsembleMember.Probabilities) member).columns()));
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static String treeLogProbabilities(OnnxGraph graph, EnsembleMember.Trees member, int featureCount,
                                               Map<String, String> sharedLogs) {
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
        String treeMargins = member.name() + "_tree_margins";
        NodeProto.Builder ensemble = graph.newNode("TreeEnsembleRegressor", treeMargins, ModelMetadata.INPUT)
                .setDomain(OnnxGraph.ML_DOMAIN);
        arrays.addTo(ensemble);
        ensemble.addAttribute(OnnxGraph.intAttribute("n_targets", CLASS_COUNT))
                // boosted from a prior, XGBoost uses the prior instead of its base score
                .addAttribute(OnnxGraph.floatsAttribute("base_values",
                        member.hasOffset() ? new float[CLASS_COUNT] : model.baseMargins()))
                .addAttribute(OnnxGraph.stringAttribute("aggregate_function", "SUM"))
                .addAttribute(OnnxGraph.stringAttribute("post_transform", "NONE"));
        graph.add(ensemble);
        String margins = member.hasOffset()
                ? graph.node("Add", member.name() + "_margins", treeMargins,
                        logOfColumns(graph, member.name() + "_offset_", member.offsetColumns(), sharedLogs,
                                member.name() + "_offset_log"))
                : treeMargins;
        String logSoftmax = "logp_" + member.name();
        graph.add(graph.newNode("LogSoftmax", logSoftmax, margins).addAttribute(OnnxGraph.intAttribute("axis", 1)));
        return logSoftmax;
    }

    private static String linearLogProbabilities(OnnxGraph graph, EnsembleMember.Linear member, int featureCount) {
        if (member.weights().length != featureCount) {
            throw new IllegalArgumentException("linear member has " + member.weights().length
                    + " weight rows for " + featureCount + " features");
        }
        String prefix = member.name() + "_";
        String fill = graph.floatConstant(prefix + "fill", member.fillValues(), 1, featureCount);
        String isNaN = graph.node("IsNaN", prefix + "input_nan", ModelMetadata.INPUT);
        String transformed = ModelMetadata.INPUT;
        boolean[] logInputs = member.logInputs();
        if (logInputs.length != featureCount) {
            throw new IllegalArgumentException("linear member has " + logInputs.length + " log flags for " + featureCount + " features");
        }
        boolean anyLog = false;
        for (boolean flag : logInputs) {
            anyLog |= flag;
        }
        if (anyLog) {
            String mask = graph.boolConstant(prefix + "log_mask", logInputs, 1, featureCount);
            String floor = graph.floatConstant(prefix + "log_floor", new float[] {(float) Stacker.PROBABILITY_FLOOR});
            String logs = graph.node("Log", prefix + "logs", graph.node("Max", prefix + "floored", ModelMetadata.INPUT, floor));
            transformed = graph.node("Where", prefix + "transformed", mask, logs, ModelMetadata.INPUT);
        }
        String filled = graph.node("Where", prefix + "filled", isNaN, fill, transformed);
        float[] flat = new float[featureCount * CLASS_COUNT];
        for (int j = 0; j < featureCount; j++) {
            System.arraycopy(member.weights()[j], 0, flat, j * CLASS_COUNT, CLASS_COUNT);
        }
        String weights = graph.floatConstant(prefix + "weights", flat, featureCount, CLASS_COUNT);
        String bias = graph.floatConstant(prefix + "bias", member.bias(), CLASS_COUNT);
        String product = graph.node("MatMul", prefix + "product", filled, weights);
        String logits = graph.node("Add", prefix + "logits", product, bias);
        String logSoftmax = "logp_" + member.name();
        graph.add(graph.newNode("LogSoftmax", logSoftmax, logits).addAttribute(OnnxGraph.intAttribute("axis", 1)));
        return logSoftmax;
    }

    /** log of three probability columns, floored and renormalised as {@link Stacker#logOfProbabilities}. */
    private static String logOfColumns(OnnxGraph graph, String prefix, int[] probabilityColumns,
                                       Map<String, String> sharedLogs, String output) {
        String key = java.util.Arrays.toString(probabilityColumns);
        String existing = sharedLogs.get(key);
        if (existing != null) {
            return existing;
        }
        long[] columns = java.util.Arrays.stream(probabilityColumns).asLongStream().toArray();
        if (columns.length != CLASS_COUNT) {
            throw new IllegalArgumentException("probability member needs 3 columns, has " + columns.length);
        }
        String indices = graph.longConstant(prefix + "columns", columns, CLASS_COUNT);
        String picked = prefix + "picked";
        graph.add(graph.newNode("Gather", picked, ModelMetadata.INPUT, indices)
                .addAttribute(OnnxGraph.intAttribute("axis", 1)));
        String floor = graph.floatConstant(prefix + "floor", new float[] {(float) Stacker.PROBABILITY_FLOOR});
        String floored = graph.node("Max", prefix + "floored", picked, floor);
        String total = prefix + "total";
        graph.add(graph.newNode("ReduceSum", total, floored, graph.longConstant(prefix + "axis", new long[] {1}, 1))
                .addAttribute(OnnxGraph.intAttribute("keepdims", 1)));
        String normalised = graph.node("Div", prefix + "normalised", floored, total);
        String logs = graph.node("Log", output, normalised);
        sharedLogs.put(key, logs);
        return logs;
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
