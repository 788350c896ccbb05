package com.sabiscore.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * Thrown when a model was trained on other features than the engine now produces. The message
 * names what is missing, what is extra and the first position where the order differs, so the
 * fix (retrain, or align the engine) is obvious.
 */
public final class FeatureListMismatchException extends IllegalStateException {

    private final List<String> missing;
    private final List<String> extra;

    private FeatureListMismatchException(String message, List<String> missing, List<String> extra) {
        super(message);
        this.missing = List.copyOf(missing);
        this.extra = List.copyOf(extra);
    }

    /** Features the engine produces that the model does not take. */
    public List<String> missing() {
        return missing;
    }

    /** Features the model takes that the engine does not produce. */
    public List<String> extra() {
        return extra;
    }

    /** Throws when {@code model} and {@code engine} are not the same list in the same order. */
    static void check(String modelName, List<String> model, List<String> engine) {
        if (model.equals(engine)) {
            return;
        }
        List<String> missing = new ArrayList<>(engine);
        missing.removeAll(model);
        List<String> extra = new ArrayList<>(model);
        extra.removeAll(engine);
        StringBuilder message = new StringBuilder("model ").append(modelName)
                .append(" does not match the feature engine (").append(model.size()).append(" model features, ")
                .append(engine.size()).append(" engine features).");
        if (!missing.isEmpty()) {
            message.append(" Missing from the model: ").append(missing).append('.');
        }
        if (!extra.isEmpty()) {
            message.append(" Extra in the model: ").append(extra).append('.');
        }
        if (missing.isEmpty() && extra.isEmpty()) {
            for (int i = 0; i < model.size(); i++) {
                if (!model.get(i).equals(engine.get(i))) {
                    message.append(" Misordered: position ").append(i).append(" is '").append(model.get(i))
                            .append("' in the model but '").append(engine.get(i)).append("' in the engine.");
                    break;
                }
            }
        }
        message.append(" Retrain with `train` after changing features.");
        throw new FeatureListMismatchException(message.toString(), missing, extra);
    }
}
