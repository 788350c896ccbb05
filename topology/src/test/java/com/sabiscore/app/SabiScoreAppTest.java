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
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting an instance that cannot start: the reason is reported and nothing it started is left running. */
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
        Properties ports = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("kafka").resolve("ports.properties"))) {
            ports.load(in);
        }
        int brokerPort = Integer.parseInt(ports.getProperty("broker.port"));
        assertThatThrownBy(() -> new Socket("127.0.0.1", brokerPort).close()).isInstanceOf(IOException.class);
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
