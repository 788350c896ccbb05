package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.config.AppConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting and stopping an instance: one that cannot start reports why and leaves nothing it
 * started running; one that ran stops everything it started.
 */
class SabiScoreAppTest {

    @TempDir
    Path dir;

    @Test
    void shouldReportAMissingModelBeforeStartingTheBroker() {
        AppConfig config = AppConfig.of(settings(Map.of("model.dir", dir.resolve("no-models").toString())));

        assertThatThrownBy(() -> SabiScoreApp.start(config))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("sabiscore-odds.onnx");
        assertThat(dir.resolve("kafka")).doesNotExist();
    }

    @Test
    void shouldStopTheBrokerItStartedWhenTheHttpPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AppConfig config = AppConfig.of(settings(Map.of(
                    "http.host", "127.0.0.1", "http.port", String.valueOf(taken.getLocalPort()))));

            assertThatThrownBy(() -> SabiScoreApp.start(config))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        // the broker had started (it wrote the port it bound) and is stopped again
        int brokerPort = brokerPort();
        assertThatThrownBy(() -> new Socket("127.0.0.1", brokerPort).close()).isInstanceOf(IOException.class);
    }

    /** The port the embedded broker bound, as it wrote it into its folder. */
    private int brokerPort() throws IOException {
        Properties ports = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("kafka").resolve("ports.properties"))) {
            ports.load(in);
        }
        return Integer.parseInt(ports.getProperty("broker.port"));
    }

    @Test
    void shouldStopEverythingItStartedWhenClosed() throws Exception {
        // given a running instance over its own broker, serving HTTP
        SabiScoreApp app = SabiScoreApp.start(AppConfig.of(settings(Map.of("http.host", "127.0.0.1", "http.port", "0"))));
        int httpPort;
        try {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            httpPort = app.httpPort();
            new Socket("127.0.0.1", httpPort).close();
        } finally {
            // when
            app.close();
        }

        // then the HTTP port and the broker are closed, and the stream is down
        assertThat(app.streams().state()).isIn(KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);
        assertThatThrownBy(() -> new Socket("127.0.0.1", httpPort).close()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", brokerPort()).close()).isInstanceOf(IOException.class);
    }

    /** An embedded broker on a free port and a state folder, both in this test's folder, plus {@code more}. */
    private Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "embedded.broker.dir", dir.resolve("kafka").toString(),
                "embedded.broker.port", "0",
                "state.dir", dir.resolve("state").toString()));
        settings.putAll(more);
        return settings;
    }
}
