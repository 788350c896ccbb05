package com.sabiscore.http;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.prediction.FixturePredictor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * One app instance over its own in-process broker, as a serving test runs it: the broker, the
 * app's topics, the default models and the instance, RUNNING once {@link #start} returns. Closing
 * stops them in reverse.
 */
final class SingleInstance implements AutoCloseable {

    private EmbeddedKafkaBroker broker;
    private FixturePredictor predictor;
    private AppInstance app;

    private SingleInstance() {
    }

    /**
     * @param folder   where the broker's data and the stream's state go
     * @param name     prefix of the application id, which is new on every start
     * @param settings on top of the broker, the id, the state folder, a free HTTP port and no hot keys
     */
    static SingleInstance start(Path folder, String name, Map<String, String> settings) throws Exception {
        SingleInstance instance = new SingleInstance();
        try {
            instance.broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0);
            Map<String, String> all = new HashMap<>(Map.of(
                    "kafka.bootstrap.servers", instance.broker.bootstrapServers(),
                    "application.id", name + "-" + System.nanoTime(),
                    "state.dir", folder.resolve("state").toString(),
                    "http.port", "0",
                    // no fixture turns hot: a test leaves no mirrored prediction in the shared Redis
                    "hotkey.threshold", "1000000"));
            all.putAll(settings);
            AppConfig config = AppConfig.of(all);
            try (Admin admin = Admin.create(config.adminProperties())) {
                new TopicProvisioner(admin).provision(config);
            }
            instance.predictor = FixturePredictor.withDefaults();
            instance.app = new AppInstance(config, instance.predictor, Map.of());
            instance.app.awaitRunning(Duration.ofSeconds(60));
            return instance;
        } catch (Exception | Error e) {
            instance.close();
            throw e;
        }
    }

    AppInstance app() {
        return app;
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
        if (predictor != null) {
            predictor.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
