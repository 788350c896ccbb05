package com.sabiscore.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A thin layer over the raw ONNX protobuf builders: constants, nodes with typed attributes and
 * float matrix inputs/outputs. Tribuo's operator builders lack the ai.onnx.ml tree ensembles, so
 * the whole graph is written with these raw builders for one consistent style.
 */
final class OnnxGraph {

    static final String ML_DOMAIN = "ai.onnx.ml";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int nodeCounter;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    GraphProto build() {
        return graph.build();
    }

    /** Declares a float input or output of shape [N, columns] with a symbolic batch size. */
    void floatMatrixInput(String name, int columns) {
        graph.addInput(floatMatrix(name, columns));
    }

    void floatMatrixOutput(String name, int columns) {
        graph.addOutput(floatMatrix(name, columns));
    }

    private static ValueInfoProto floatMatrix(String name, int columns) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(columns))
                .build();
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    String floatConstant(String name, float[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber());
        Arrays.stream(dims).forEach(tensor::addDims);
        for (float v : values) {
            tensor.addFloatData(v);
        }
        graph.addInitializer(tensor);
        return name;
    }

    String boolConstant(String name, boolean[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.BOOL.getNumber());
        Arrays.stream(dims).forEach(tensor::addDims);
        for (boolean v : values) {
            tensor.addInt32Data(v ? 1 : 0);
        }
        graph.addInitializer(tensor);
        return name;
    }

    String longConstant(String name, long[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber());
        Arrays.stream(dims).forEach(tensor::addDims);
        for (long v : values) {
            tensor.addInt64Data(v);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** Adds a default-domain node with one output and returns that output's name. */
    String node(String opType, String output, String... inputs) {
        graph.addNode(newNode(opType, output, inputs));
        return output;
    }

    NodeProto.Builder newNode(String opType, String output, String... inputs) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType)
                .setName(opType + "_" + nodeCounter++).addOutput(output);
        Arrays.stream(inputs).forEach(node::addInput);
        return node;
    }

    void add(NodeProto.Builder node) {
        graph.addNode(node);
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    static AttributeProto stringAttribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    static AttributeProto intsAttribute(String name, long[] values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long v : values) {
            attribute.addInts(v);
        }
        return attribute.build();
    }

    static AttributeProto floatsAttribute(String name, float[] values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS);
        for (float v : values) {
            attribute.addFloats(v);
        }
        return attribute.build();
    }

    static AttributeProto stringsAttribute(String name, String[] values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
        for (String v : values) {
            attribute.addStrings(ByteString.copyFrom(v, StandardCharsets.UTF_8));
        }
        return attribute.build();
    }
}
