package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.data.RealHistory;
import com.sabiscore.match.HistoricalMatch;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives {@code bin/sabiscore run} as a new user would: start it, wait until it says it is ready
 * and has replayed, query a known fixture over HTTP, then stop it with a signal (Ctrl-C).
 */
class RunCommandIT {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    @TempDir
    Path runDir;

    @Test
    void shouldServeAReplayedFixtureOverHttpAndStopCleanly() throws Exception {
        Path root = Path.of(System.getProperty("sabiscore.repo.root"));
        List<HistoricalMatch> season = HistoryLoader.load(RealHistory.football(), Set.of("E0"), SeasonRange.parse("2022-23"));
        HistoricalMatch known = season.get(season.size() - 1);
        int port = freePort();
        Path log = runDir.resolve("run.log");

        Process app = new ProcessBuilder("bash", root.resolve("bin/sabiscore").toString(), "run",
                "--port", Integer.toString(port), "--from", "2023-05-01", "--to", "2023-05-31",
                "--set", "embedded.broker.dir=" + runDir.resolve("kafka"),
                "--set", "embedded.broker.port=0",
                "--set", "state.dir=" + runDir.resolve("state"))
                .directory(root.toFile())
                .redirectErrorStream(true)
                // a file, not a pipe: nothing the app prints while it exits can be lost
                .redirectOutput(log.toFile())
                .start();
        try {
            awaitLine(log, line -> line.startsWith("SabiScore ready in"), app);
            awaitLine(log, line -> line.contains("(100%)"), app);

            String id = known.fixture().id().toString();
            HttpResponse<String> response = awaitOk(port, "/api/v1/predictions/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.toString()).contains(id);
            assertThat(body.findValue("home_win_prob").asDouble() + body.findValue("draw_prob").asDouble()
                    + body.findValue("away_win_prob").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(get(port, "/ready").statusCode()).isEqualTo(200);
        } finally {
            app.destroy(); // SIGTERM, as Ctrl-C would: the shutdown hook closes HTTP, stream and broker
            boolean exited = app.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                app.destroyForcibly();
            }
            assertThat(exited).as("exits after SIGTERM; output:%n%s", Files.readString(log)).isTrue();
        }
        assertThat(Files.readAllLines(log)).anyMatch(line -> line.contains("stopping SabiScore"));
    }

    private static void awaitLine(Path log, Predicate<String> wanted, Process app) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (Files.readAllLines(log).stream().noneMatch(wanted)) {
            if (!app.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("run did not get there; output:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> awaitOk(int port, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = get(port, path);
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = get(port, path);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
