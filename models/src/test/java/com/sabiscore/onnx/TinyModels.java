package com.sabiscore.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import java.util.List;

/**
 * Small ONNX models written with the project's own graph writer, for tests that load, switch and
 * refuse models: quick to build, and their answers are known.
 */
public final class TinyModels {

    private TinyModels() {
    }

    /** Ignores its input: every row gets probability 1/{@code classes} for each class (softmax of a zero product). */
    public static byte[] uniform(List<String> features, int classes, String head, String version) {
        OnnxGraph graph = product(features, classes);
        graph.add(graph.newNode("Softmax", ModelMetadata.OUTPUT, "product").addAttribute(OnnxGraph.intAttribute("axis", 1)));
        graph.floatMatrixOutput(ModelMetadata.OUTPUT, classes);
        return model(graph, features, head, version);
    }

    /** The right shape, but 1 for every class: not probabilities. */
    public static byte[] allOnes(List<String> features, String head, String version) {
        OnnxGraph graph = product(features, 3);
        float[] ones = new float[3];
        Arrays.fill(ones, 1f);
        graph.node("Add", ModelMetadata.OUTPUT, "product", graph.floatConstant("ones", ones, 1, 3));
        graph.floatMatrixOutput(ModelMetadata.OUTPUT, 3);
        return model(graph, features, head, version);
    }

    /** The same model stamped with another default-domain opset. */
    public static byte[] withOpset(byte[] model, int opset) {
        try {
            ModelProto proto = ModelProto.parseFrom(model);
            ModelProto.Builder builder = proto.toBuilder().clearOpsetImport();
            for (OperatorSetIdProto imported : proto.getOpsetImportList()) {
                builder.addOpsetImport(imported.getDomain().isEmpty() ? imported.toBuilder().setVersion(opset).build() : imported);
            }
            return builder.build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static OnnxGraph product(List<String> features, int classes) {
        OnnxGraph graph = new OnnxGraph("tiny");
        graph.floatMatrixInput(ModelMetadata.INPUT, features.size());
        graph.node("MatMul", "product", ModelMetadata.INPUT,
                graph.floatConstant("weights", new float[features.size() * classes], features.size(), classes));
        return graph;
    }

    private static byte[] model(OnnxGraph graph, List<String> features, String head, String version) {
        return ModelProto.newBuilder()
                .setIrVersion(EnsembleOnnxExporter.IR_VERSION)
                .setProducerName("sabiscore-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(EnsembleOnnxExporter.DEFAULT_OPSET))
                .setGraph(graph.build())
                .addMetadataProps(entry(ModelMetadata.FEATURE_NAMES, String.join(",", features)))
                .addMetadataProps(entry(ModelMetadata.HEAD, head))
                .addMetadataProps(entry(ModelMetadata.MODEL_VERSION, version))
                .build().toByteArray();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
