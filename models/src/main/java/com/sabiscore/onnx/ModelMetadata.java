package com.sabiscore.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.google.protobuf.InvalidProtocolBufferException;

/** Keys of the metadata_props every exported ensemble carries. */
public final class ModelMetadata {

    /** Comma-joined feature names, in input column order. */
    public static final String FEATURE_NAMES = "feature_names";
    public static final String MODEL_VERSION = "model_version";
    /** {@code with_odds} or {@code without_odds}. */
    public static final String HEAD = "head";
    /** First and last season of the training data, e.g. {@code 1993-94..2023-24}. */
    public static final String TRAINING_RANGE = "training_range";
    /** Validation metrics of each member and of the ensemble, as JSON. */
    public static final String METRICS = "metrics";
    /** Comma-joined member names, in stacker order. */
    public static final String MEMBERS = "members";

    /** Name of the graph input: float [N, F]. */
    public static final String INPUT = "features";
    /** Name of the graph output: float [N, 3], home/draw/away. */
    public static final String OUTPUT = "probabilities";

    private ModelMetadata() {
    }

    /**
     * The model with one metadata_props entry set (replacing the one of that key, or added), the
     * graph untouched: how a trained model is published under another version without retraining.
     *
     * @throws IllegalArgumentException when the bytes are not an ONNX model
     */
    public static byte[] withEntry(byte[] model, String key, String value) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
        ModelProto.Builder builder = proto.toBuilder().clearMetadataProps();
        boolean replaced = false;
        for (StringStringEntryProto entry : proto.getMetadataPropsList()) {
            if (entry.getKey().equals(key)) {
                builder.addMetadataProps(entry.toBuilder().setValue(value));
                replaced = true;
            } else {
                builder.addMetadataProps(entry);
            }
        }
        if (!replaced) {
            builder.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
        }
        return builder.build().toByteArray();
    }
}
