package com.sabiscore.prediction;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The committed ONNX ensemble for a test class, loaded once before its tests and closed after
 * them: {@code @RegisterExtension static final CommittedModel MODEL = new CommittedModel();} then
 * {@code MODEL.predictor()}.
 */
public final class CommittedModel implements BeforeAllCallback, AfterAllCallback {

    private FixturePredictor predictor;

    @Override
    public void beforeAll(ExtensionContext context) {
        predictor = FixturePredictor.withDefaults();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        predictor.close();
    }

    public FixturePredictor predictor() {
        return predictor;
    }
}
