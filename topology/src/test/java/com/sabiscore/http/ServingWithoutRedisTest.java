package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Fixture;
import com.sabiscore.http.HttpCalls.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An instance whose Redis does not answer keeps serving: misses answer from the stream or compute, readiness holds, metrics tell. */
class ServingWithoutRedisTest {

    @TempDir
    Path folder;

    @Test
    void shouldKeepAnsweringWhenRedisIsDown() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0)) {
            // given an instance pointed at a port where no Redis listens
            AppConfig config = AppConfig.of(Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "application.id", "no-redis-" + System.nanoTime(),
                    "state.dir", folder.resolve("state").toString(),
                    "topic.partitions", "2",
                    "http.port", "0",
                    "redis.uri", "redis://127.0.0.1:1"));
            Fixture fixture = StreamedFixtures.ARSENAL_CHELSEA;
            try (AppInstance app = new AppInstance(config)) {
                app.awaitRunning(Duration.ofSeconds(60));
                StreamedFixtures.produce(config, StreamedFixtures.RESULTS, List.of(fixture));
                HttpCalls http = new HttpCalls();
                String predictionUrl = app.url(PredictionRoutesTest.predictionPath(fixture.getFixtureId()));
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (http.get(predictionUrl).status() != 200 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }
                String body = "{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}";

                String notStreamed = "{\"home_team\":\"Chelsea\",\"away_team\":\"Arsenal\",\"league\":\"E0\",\"kickoff_time\":\"2023-12-02T15:00:00Z\"}";

                // when the same fixture is asked for twice, and one the stream has not predicted
                Answer first = http.post(app.url("/api/v1/predict"), body);
                Answer second = http.post(app.url("/api/v1/predict"), body);
                Answer computed = http.post(app.url("/api/v1/predict"), notStreamed);
                Answer ready = http.get(app.url("/ready"));

                // then both are answered without the cache, readiness holds, and the failures show
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.json().get("source").asText()).isEqualTo("stream");
                assertThat(second.json().get("source").asText()).isEqualTo("stream");
                assertThat(computed.status()).isEqualTo(200);
                assertThat(computed.json().get("source").asText()).isEqualTo("computed");
                assertThat(computed.json().get("fixture_id").asText()).isEqualTo("E0:2023-12-02:Chelsea:Arsenal");
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.json().get("redis").asText()).isEqualTo("down");
                assertThat(http.get(app.url("/metrics")).body())
                        .contains("redis_failures_total{operation=\"cache_get\"}")
                        .contains("prediction_requests_total{result=\"cache_miss\"} 3.0")
                        .contains("prediction_requests_total{result=\"error\"} 0.0");
            }
        }
    }
}
