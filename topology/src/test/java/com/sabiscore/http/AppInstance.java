package com.sabiscore.http;

import com.sabiscore.config.AppConfig;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.progress.PipelineProgress;
import com.sabiscore.progress.ReplayProgress;
import com.sabiscore.serving.ServingModels;
import com.sabiscore.streams.PredictionTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One app instance for serving tests, wired the way the app wires it: HTTP server first (its port
 * becomes {@code application.server}), then Kafka Streams over the real prediction topology,
 * attached to the server.
 */
final class AppInstance implements AutoCloseable {

    final AppConfig config;
    final SabiScoreMetrics metrics = new SabiScoreMetrics();
    /** The one predictor the instance is given, never switched. */
    final ServingModels models;
    final PipelineProgress progress;
    final PredictionHttpServer http;
    final KafkaStreams streams;
    /**
     * Called on every state change of the instance's stream, on the thread making the change: a
     * test can act at a given transition while the stream waits for it to return.
     */
    volatile KafkaStreams.StateListener onStateChange = (now, before) -> { };

    /**
     * @param streamsOverrides Kafka Streams settings on top of the app's own (e.g. standby replicas)
     */
    AppInstance(AppConfig base, FixturePredictor predictor, Map<String, Object> streamsOverrides) {
        models = ServingModels.serving(predictor);
        progress = PipelineProgress.watch(base, new ReplayProgress());
        http = PredictionHttpServer.start(base, models, metrics, progress);
        config = base.withHttpPort(http.port());
        Properties props = config.streamsProperties();
        props.putAll(streamsOverrides);
        streams = new KafkaStreams(PredictionTopology.build(config, models, http.pipelineObserver()), props);
        streams.setStateListener((now, before) -> onStateChange.onChange(now, before));
        http.attach(streams, config);
        streams.start();
    }

    String name() {
        return config.applicationServer();
    }

    String url(String pathAndQuery) {
        return "http://localhost:" + http.port() + pathAndQuery;
    }

    void awaitRunning(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name() + " is still " + streams.state() + " after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Stops serving, then leaves the group at once (Kafka Streams would otherwise wait for the session timeout). */
    @Override
    public void close() {
        http.close();
        progress.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(20)));
        metrics.close();
    }
}
