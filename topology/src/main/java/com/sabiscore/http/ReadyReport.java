package com.sabiscore.http;

import com.sabiscore.progress.PipelineProgress;
import java.util.Map;

/**
 * {@code GET /ready}: ready when the stream is RUNNING and the model is loaded. Redis is reported
 * but not required: without it the app still answers (cache misses compute).
 *
 * @param streams the Kafka Streams state, or {@code NOT_STARTED}
 * @param models  head → model version of the loaded ONNX heads
 * @param redis   {@code up} or {@code down}
 * @param history how far the history replay and the stream are: ready is not the same as caught up
 */
record ReadyReport(boolean ready, String streams, Map<String, String> models, String redis, PipelineProgress.Report history) {
}
