package com.sabiscore.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An XGBoost {@code multi:softprob} tree ensemble as stored in its saved-model JSON
 * ({@code Booster.toByteArray("json")}). The saved model is read rather than the text dump because
 * only it carries full-precision split values and the per-class base score.
 *
 * @param classCount  number of classes (3 for home/draw/away)
 * @param baseMargins per-class base score in margin space, added before the softmax
 * @param trees       every tree, each tagged with the class whose margin it adds to
 */
public record BoostedTrees(int classCount, float[] baseMargins, List<Tree> trees) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BoostedTrees {
        if (baseMargins.length != classCount) {
            throw new IllegalArgumentException("need one base margin per class: " + baseMargins.length + " vs " + classCount);
        }
        trees = List.copyOf(trees);
    }

    /**
     * One regression tree in XGBoost's array layout. A node is a leaf when its left child is -1;
     * for leaves {@code splitConditions} holds the leaf value. XGBoost sends {@code x < condition}
     * to the left child, and a missing value to the left child when {@code defaultLeft} is set.
     */
    public record Tree(int classId, int[] leftChildren, int[] rightChildren, int[] splitIndices,
                       float[] splitConditions, boolean[] defaultLeft) {

        public int nodeCount() {
            return leftChildren.length;
        }

        public boolean isLeaf(int node) {
            return leftChildren[node] == -1;
        }
    }

    /** Reads the saved-model JSON of a gbtree booster trained with {@code multi:softprob}. */
    public static BoostedTrees fromSavedModelJson(byte[] savedModelJson) {
        JsonNode learner;
        try {
            learner = JSON.readTree(savedModelJson).path("learner");
        } catch (IOException e) {
            throw new UncheckedIOException("not an XGBoost saved-model JSON", e);
        }
        JsonNode modelParams = learner.path("learner_model_param");
        int classCount = Integer.parseInt(modelParams.path("num_class").asText("0"));
        if (classCount < 2) {
            throw new IllegalArgumentException("expected a multi-class model, num_class=" + classCount);
        }
        String booster = learner.path("gradient_booster").path("name").asText();
        if (!"gbtree".equals(booster)) {
            throw new IllegalArgumentException("expected a gbtree booster, got " + booster);
        }
        JsonNode model = learner.path("gradient_booster").path("model");
        int parallelTrees = Integer.parseInt(model.path("gbtree_model_param").path("num_parallel_tree").asText("1"));
        if (parallelTrees != 1) {
            throw new IllegalArgumentException("num_parallel_tree must be 1, got " + parallelTrees);
        }
        float[] baseMargins = parseBaseScore(modelParams.path("base_score").asText(), classCount);
        JsonNode treeInfo = model.path("tree_info");
        List<Tree> trees = new ArrayList<>();
        JsonNode treeNodes = model.path("trees");
        for (int i = 0; i < treeNodes.size(); i++) {
            trees.add(parseTree(treeNodes.get(i), treeInfo.get(i).asInt()));
        }
        return new BoostedTrees(classCount, baseMargins, trees);
    }

    /**
     * XGBoost 3.x stores the base score as a string: a per-class vector such as
     * {@code "[-1.2E-1,3.4E-2,8.6E-2]"}; older models hold one number shared by all classes.
     */
    private static float[] parseBaseScore(String text, int classCount) {
        String body = text.trim();
        if (body.startsWith("[")) {
            body = body.substring(1, body.length() - 1);
        }
        String[] parts = body.split(",");
        float[] margins = new float[classCount];
        for (int c = 0; c < classCount; c++) {
            margins[c] = Float.parseFloat(parts[parts.length == 1 ? 0 : c].trim());
        }
        return margins;
    }

    private static Tree parseTree(JsonNode tree, int classId) {
        int[] left = ints(tree.path("left_children"));
        int[] right = ints(tree.path("right_children"));
        int[] splitIndices = ints(tree.path("split_indices"));
        JsonNode conditions = tree.path("split_conditions");
        float[] splitConditions = new float[conditions.size()];
        for (int i = 0; i < splitConditions.length; i++) {
            splitConditions[i] = (float) conditions.get(i).asDouble();
        }
        JsonNode defaults = tree.path("default_left");
        boolean[] defaultLeft = new boolean[defaults.size()];
        for (int i = 0; i < defaultLeft.length; i++) {
            JsonNode flag = defaults.get(i);
            defaultLeft[i] = flag.isBoolean() ? flag.asBoolean() : flag.asInt() != 0;
        }
        JsonNode splitTypes = tree.path("split_type");
        for (int i = 0; i < splitTypes.size(); i++) {
            if (splitTypes.get(i).asInt() != 0) {
                throw new IllegalArgumentException("categorical splits are not supported");
            }
        }
        return new Tree(classId, left, right, splitIndices, splitConditions, defaultLeft);
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
