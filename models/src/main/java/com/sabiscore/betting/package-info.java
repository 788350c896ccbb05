/**
 * The decision layer, pure functions over model probabilities and the market: which bet (if
 * any) and how much ({@link com.sabiscore.betting.BetSelector}), how confident to be
 * ({@link com.sabiscore.betting.ConfidenceRater}), and the explanation a punter reads
 * ({@link com.sabiscore.betting.ReasoningWriter}).
 */
package com.sabiscore.betting;
