/**
 * Feeds that run inside the app: {@link com.sabiscore.feed.InProcessLiveFeed} runs the live feed
 * connector's task for {@code bin/sabiscore run --live}, without a Connect cluster.
 */
package com.sabiscore.feed;
