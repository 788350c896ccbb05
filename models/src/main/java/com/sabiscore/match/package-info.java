/**
 * The match domain shared by every part of SabiScore: fixtures (what is known before kick-off),
 * results (what is known after it) and the bookmaker prices a fixture may carry. Plain Java, no
 * Kafka: the CSV readers, the feature engine, training, backtest, the stream and the HTTP layer
 * all speak these types.
 */
package com.sabiscore.match;
