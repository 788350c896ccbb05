package com.sabiscore.http;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.config.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One app instance over its own in-process broker, as a serving test runs it: the broker, the
 * app's topics and the instance (with the default models), RUNNING once {@link #start} returns.
 * Closing stops them in reverse.
 */
final class SingleInstance implements AutoCloseable {

    private EmbeddedKafkaBroker broker;
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
            instance.app = new AppInstance(config);
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
        if (broker != null) {
            broker.close();
        }
    }
}
