/**
 * Serving models that change while the app runs: published releases ({@link com.sabiscore.serving.ModelRelease}),
 * the champion and challenger in service ({@link com.sabiscore.serving.ServingModels}), the checks a release passes
 * before it serves, and each model's running scores against the results ({@link com.sabiscore.serving.ModelScoreboard}).
 * No Kafka here: the app feeds releases in from its models topic.
 */
package com.sabiscore.serving;
