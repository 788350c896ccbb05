package com.sabiscore.serving;

import java.util.Locale;

/** A published release that cannot serve here, and why; whatever served before keeps serving. */
public final class ModelRefusedException extends RuntimeException {

    /** Why a release was refused: the {@code reason} label of {@code sabiscore_model_refused_total}. */
    public enum Reason {
        /** The bytes are not an ONNX model (truncated, garbled, not ONNX at all). */
        CORRUPT,
        /** An opset or IR version this ONNX Runtime does not run. */
        OPSET,
        /** ONNX Runtime refused it for another reason. */
        UNLOADABLE,
        /** Input or output is not float [N, features] / [N, 3]. */
        SHAPE,
        /** The model takes other features (or another order) than the engine produces, or names none. */
        FEATURES,
        /** A trial row did not give three probabilities summing to 1. */
        OUTPUT,
        /** The model's metadata names another version than the release. */
        VERSION;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String version;
    private final Reason reason;

    public ModelRefusedException(String version, Reason reason, String message, Throwable cause) {
        super("model " + version + " refused (" + reason.wireName() + "): " + message, cause);
        this.version = version;
        this.reason = reason;
    }

    public String version() {
        return version;
    }

    public Reason reason() {
        return reason;
    }
}
