package com.sabiscore.query;

import java.util.List;

/**
 * One instance's share of a competition's predictions: what its local store copies hold.
 *
 * @param stale true when the instance was not RUNNING, so its copies may be behind
 */
public record LocalRange(List<PredictionView> predictions, String servedBy, boolean stale) {

    public LocalRange {
        predictions = List.copyOf(predictions);
    }
}
