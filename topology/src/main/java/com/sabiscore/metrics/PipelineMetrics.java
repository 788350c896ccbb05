package com.sabiscore.metrics;

/**
 * What the stream reports about its own work. The topology's processors call this; the serving
 * layer's {@link SabiScoreMetrics} turns the calls into Prometheus series.
 */
public interface PipelineMetrics {

    /** A prediction was written to the predictions topic. */
    void predictionEmitted();

    /** A record went to the dead-letter topic; {@code reason} is a short, low-cardinality label. */
    void deadLetter(String reason);

    /** One ONNX scoring call took {@code nanos} (a batch counts as one call). */
    void scoringNanos(long nanos);
}
