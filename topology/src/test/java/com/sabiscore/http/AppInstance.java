package com.sabiscore.http;

import com.sabiscore.app.SabiScoreApp;
import com.sabiscore.config.AppConfig;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.serving.ServingModels;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One app instance for serving tests, started the way {@code sabiscore run} starts it
 * ({@link SabiScoreApp}): HTTP listener first (its port becomes {@code application.server}), then
 * Kafka Streams over the real prediction topology, attached to the routes.
 */
final class AppInstance implements AutoCloseable {

    final SabiScoreApp app;
    /** The configuration it runs with, the HTTP port as bound. */
    final AppConfig config;
    final SabiScoreMetrics metrics;
    /** What the instance predicts with. */
    final ServingModels models;
    final HttpListener http;
    final KafkaStreams streams;
    /**
     * Called on every state change of the instance's stream, on the thread making the change: a
     * test can act at a given transition while the stream waits for it to return.
     */
    volatile KafkaStreams.StateListener onStateChange = (now, before) -> { };

    /** @param base names the cluster (its topics provisioned or not) and {@code http.port} (0 for a free one) */
    AppInstance(AppConfig base) {
        app = SabiScoreApp.start(base);
        app.watchState((now, before) -> onStateChange.onChange(now, before));
        config = app.config();
        metrics = app.metrics();
        models = app.models();
        http = app.httpListener();
        streams = app.streams();
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

    /** Stops serving, then leaves the group (Kafka Streams would otherwise wait for the session timeout). */
    @Override
    public void close() {
        app.close();
    }
}
