/**
 * The one feature engine: {@link com.sabiscore.features.FeatureEngine} turns a fixture and the
 * pre-match state of its clubs and league into a {@link com.sabiscore.features.FeatureVector}
 * for the two model heads (with and without market odds), and turns a result into the next
 * states. State lives outside the engine ({@link com.sabiscore.features.TeamStateSource}): a
 * map in training and backtest, state stores in the stream. The feature list and its
 * imputations are documented on {@link com.sabiscore.features.Feature}.
 */
package com.sabiscore.features;
