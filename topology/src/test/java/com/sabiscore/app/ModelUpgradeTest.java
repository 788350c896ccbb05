package com.sabiscore.app;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.modelfeed.ModelPublisher;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.serving.Releases;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running instance upgraded through the models topic, as an operator does it: a model published
 * while it runs is what the next predictions carry, with no failed request on the predict route
 * during the switch; a corrupt model is refused and the one serving keeps serving; a challenger's
 * running scores show in {@code GET /api/v1/models} and in the metrics.
 */
class ModelUpgradeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String COMMITTED = "ensemble-v2-2023-24";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger fixtureDay = new AtomicInteger();

    @Test
    void shouldSwitchModelsWhileServingRefuseACorruptOneAndScoreAChallenger() throws Exception {
        AppConfig config = AppConfig.of(Map.of(
                "embedded.broker.dir", dir.resolve("kafka").toString(),
                "embedded.broker.port", "0",
                "state.dir", dir.resolve("state").toString(),
                "application.id", "model-upgrade-" + System.nanoTime(),
                "http.port", "0",
                "topic.partitions", "1",
                // events are processed as they arrive: this test is about the models, not about ordering two topics
                "result.hold.grace.ms", "0",
                "max.task.idle.ms", "0",
                "cache.ttl.seconds", "60",
                "hotkey.threshold", "1000000"));
        try (SabiScoreApp app = SabiScoreApp.start(config)) {
            assertThat(app.awaitRunning(WAIT)).isTrue();
            String base = "http://127.0.0.1:" + app.httpPort();
            assertThat(predictedWith(app, base)).isEqualTo(COMMITTED);

            // when a new version is published while requests keep coming
            PredictLoad load = new PredictLoad(base);
            Thread requests = new Thread(load, "predict-load");
            requests.start();
            try {
                await(() -> load.answered.get() > 20, "requests answered before the publish");
                SabiScoreCommandRun published = model(app, "publish", "--dir", Releases.committedFolder().toString(),
                        "--version", "ensemble-v3");
                assertThat(published.exit()).as(published.err()).isZero();
                await(() -> "ensemble-v3".equals(models(base).at("/champion/version").asText()), "the switch to ensemble-v3");
                long switchedAt = load.answered.get();
                await(() -> load.answered.get() > switchedAt + 20, "requests answered after the switch");
            } finally {
                load.stop = true;
                requests.join();
            }

            // then the next predictions carry it, and no request failed during the switch
            assertThat(predictedWith(app, base)).isEqualTo("ensemble-v3");
            assertThat(load.failures).as("answers other than 200").isEmpty();
            assertThat(load.versions).contains(COMMITTED, "ensemble-v3");

            // when a corrupt model is published (by a tool that did not check it), then it is refused and ensemble-v3 serves
            new ModelPublisher(app.config(), WAIT).publish(Releases.withOddsModel(Releases.committed("ensemble-v4"),
                    bytes -> Arrays.copyOf(bytes, bytes.length / 2)), false);
            await(() -> models(base).at("/refused/0/version").asText().equals("ensemble-v4"), "the refusal");
            JsonNode refused = models(base).at("/refused/0");
            assertThat(refused.get("reason").asText()).isEqualTo("corrupt");
            assertThat(scrape(base)).contains("sabiscore_model_refused_total{reason=\"corrupt\"} 1.0");
            assertThat(models(base).at("/champion/version").asText()).isEqualTo("ensemble-v3");
            assertThat(predictedWith(app, base)).isEqualTo("ensemble-v3");

            // when a challenger is published and a fixture it forecast is played
            Path uniform = Releases.writeTo(Releases.uniform("uniform-1"), dir.resolve("uniform-1"));
            assertThat(model(app, "publish", "--dir", uniform.toString(), "--challenger").exit()).isZero();
            await(() -> "uniform-1".equals(models(base).at("/challenger/version").asText()), "the challenger");
            Fixture played = nextFixture();
            produce(app, played);
            JsonNode prediction = awaitPrediction(base, played);
            produce(app, resultOf(played).score(0, 2).build());

            // then both models' running scores count that result, in GET /api/v1/models and in the metrics
            await(() -> models(base).at("/challenger/scores/results").asLong() == 1, "the challenger's score");
            JsonNode models = models(base);
            assertThat(models.at("/challenger/scores/log_loss").asDouble()).isCloseTo(Math.log(3), within(1e-6));
            assertThat(models.at("/champion/scores/log_loss").asDouble())
                    .isCloseTo(-Math.log(prediction.get("away_win_prob").asDouble()), within(1e-9));
            assertThat(models.get("scoreboard")).extracting(entry -> entry.get("model_version").asText() + "/" + entry.get("role").asText())
                    .contains("ensemble-v3/champion", "uniform-1/challenger");
            assertThat(scrape(base)).contains("sabiscore_model_log_loss{model_version=\"uniform-1\",role=\"challenger\"} 1.0986")
                    .contains("sabiscore_model_results{model_version=\"uniform-1\",role=\"challenger\"} 1.0")
                    .contains("sabiscore_model_info{role=\"challenger\",version=\"uniform-1\"} 1");
        }
    }

    /** The model version of the stream's prediction of a new fixture. */
    private String predictedWith(SabiScoreApp app, String base) throws Exception {
        Fixture fixture = nextFixture();
        produce(app, fixture);
        return awaitPrediction(base, fixture).get("model_version").asText();
    }

    /** A fixture the stream has not seen, a day after the previous one. */
    private Fixture nextFixture() {
        int day = fixtureDay.incrementAndGet();
        return aFixtureEvent().home("Home " + day).away("Away " + day).kickoff(Instant.parse("2024-08-01T14:00:00Z")
                .plus(Duration.ofDays(day))).build();
    }

    private JsonNode awaitPrediction(String base, Fixture fixture) throws Exception {
        String url = base + "/api/v1/predictions/" + URLEncoder.encode(fixture.getFixtureId(), StandardCharsets.UTF_8).replace("+", "%20");
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> answer = get(url);
        while (answer.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = get(url);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonFormat.mapper().readTree(answer.body()).findParent("model_version");
    }

    private static void produce(SabiScoreApp app, SpecificRecord event) {
        AppConfig config = app.config();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties())) {
            if (event instanceof Fixture fixture) {
                producer.send(new ProducerRecord<>(config.fixturesTopic(), null, fixture.getKickoff().toEpochMilli(), fixture.getFixtureId(), fixture));
            } else {
                MatchResult result = (MatchResult) event;
                producer.send(new ProducerRecord<>(config.resultsTopic(), null, result.getKickoff().plus(Duration.ofHours(2)).toEpochMilli(),
                        result.getFixtureId(), result));
            }
            producer.flush();
        }
    }

    private static SabiScoreCommandRun model(SabiScoreApp app, String... args) {
        List<String> all = new ArrayList<>(List.of("model"));
        all.addAll(List.of(args));
        all.addAll(List.of("--set", "kafka.bootstrap.servers=" + app.config().kafkaBootstrapServers()));
        return SabiScoreCommandRun.of(all.toArray(String[]::new));
    }

    private JsonNode models(String base) throws Exception {
        return JsonFormat.mapper().readTree(get(base + "/api/v1/models").body());
    }

    private String scrape(String base) throws Exception {
        return get(base + "/metrics").body();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT);
            }
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** Predict requests one after another, each for a fixture no one asked for yet (so each is computed), until stopped. */
    private final class PredictLoad implements Runnable {

        final String base;
        final AtomicLong answered = new AtomicLong();
        final Set<String> versions = ConcurrentHashMap.newKeySet();
        final List<String> failures = new CopyOnWriteArrayList<>();
        volatile boolean stop;

        PredictLoad(String base) {
            this.base = base;
        }

        @Override
        public void run() {
            Instant kickoff = Instant.parse("2031-01-01T15:00:00Z").plusSeconds(System.nanoTime() % 1_000_000 * 60);
            for (int n = 0; !stop; n++) {
                String body = "{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\""
                        + kickoff.plusSeconds(60L * n) + "\"}";
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/predict"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        versions.add(JsonFormat.mapper().readTree(answer.body()).get("model_version").asText());
                    } else {
                        failures.add(answer.statusCode() + " " + answer.body());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
                answered.incrementAndGet();
            }
        }
    }
}
