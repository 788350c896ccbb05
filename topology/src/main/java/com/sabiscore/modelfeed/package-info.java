/**
 * Model upgrades through Kafka: releases and the champion/challenger roles on the compacted models
 * topic, written by {@link com.sabiscore.modelfeed.ModelPublisher} ({@code bin/sabiscore model ...},
 * {@code train --publish-challenger}) and read whole by every instance's
 * {@link com.sabiscore.modelfeed.ModelFeed}, which installs them into the instance's
 * {@link com.sabiscore.serving.ServingModels}. See {@code docs/models.md}.
 */
package com.sabiscore.modelfeed;
