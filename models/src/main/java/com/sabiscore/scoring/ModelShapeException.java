package com.sabiscore.scoring;

/**
 * Thrown when a model's graph does not take a float [N, features] input named {@code features}
 * or does not give a float [N, 3] output named {@code probabilities}: it cannot be the ensemble
 * head the scorer expects, whatever its metadata says.
 */
public final class ModelShapeException extends IllegalStateException {

    ModelShapeException(String message) {
        super(message);
    }
}
