package com.sabiscore.http;

import com.sabiscore.query.PredictionView;

/**
 * {@code GET /api/v1/predictions/{fixtureId}}: the prediction and how fresh it is.
 *
 * @param servedBy the instance whose store answered ({@code host:port})
 * @param stale    read from a standby copy or during a rebalance/restore: possibly behind
 */
record PredictionAnswer(PredictionView prediction, String servedBy, boolean stale) {
}
