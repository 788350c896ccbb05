package com.sabiscore.http;

import static com.sabiscore.http.PredictionRoutesTest.deleteOnceWritten;
import static com.sabiscore.http.PredictionRoutesTest.predictionPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.cache.PredictionCache;
import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Fixture;
import com.sabiscore.http.HttpCalls.Answer;
import com.sabiscore.query.InternalRoutes;
import com.sabiscore.streams.StoreNames;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two app instances with the same application id on one real broker: each hosts some
 * competitions' partitions, with a standby copy of the other's, and a query on either instance is
 * answered from wherever the key lives.
 */
class TwoInstanceQueryTest {

    /** Six competitions over six partitions: E0 and INT share partition 1, I1 and SP1 partition 3. */
    private static final List<Fixture> FIXTURES = List.of(
            StreamedFixtures.ARSENAL_CHELSEA,
            StreamedFixtures.CITY_LIVERPOOL,
            StreamedFixtures.BAYERN_DORTMUND,
            StreamedFixtures.fixture("D1", "Leverkusen", "Leipzig", "2023-11-05T16:30:00Z"),
            StreamedFixtures.fixture("I1", "Inter", "Milan", "2023-11-04T19:45:00Z"),
            StreamedFixtures.fixture("SP1", "Real Madrid", "Barcelona", "2023-10-28T14:15:00Z"),
            StreamedFixtures.fixture("F1", "Paris SG", "Marseille", "2023-10-29T19:45:00Z"),
            StreamedFixtures.fixture("INT", "England", "Italy", "2023-10-17T18:45:00Z"));

    private static final String INTERNAL_SECRET = "between-instances";

    @TempDir
    Path folder;

    private EmbeddedKafkaBroker broker;
    private AppInstance first;
    private AppInstance second;
    private final HttpCalls http = new HttpCalls();

    @BeforeEach
    void startTwoInstances() throws Exception {
        broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0);
        String applicationId = "two-instances-" + System.nanoTime();
        first = instance(applicationId, "a");
        second = instance(applicationId, "b");
        first.awaitRunning(Duration.ofSeconds(60));
        second.awaitRunning(Duration.ofSeconds(60));
        StreamedFixtures.produce(first.config, StreamedFixtures.RESULTS, FIXTURES);
        for (Fixture fixture : FIXTURES) {
            awaitLocalCopy(first, fixture);
            awaitLocalCopy(second, fixture);
        }
    }

    private AppInstance instance(String applicationId, String name) throws Exception {
        AppConfig config = AppConfig.of(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "application.id", applicationId,
                "state.dir", folder.resolve("state-" + name).toString(),
                "topic.partitions", "6",
                // no fixture turns hot: these tests leave nothing in the shared Redis
                "hotkey.threshold", "1000000",
                // every forwarded query must carry it: the tests below pass only if the instances send it
                "http.internal.secret", INTERNAL_SECRET,
                "http.port", "0"));
        // the app keeps a standby copy of every partition on the other instance: what answers while an instance is away
        return new AppInstance(config);
    }

    /** Waits until the instance's own copy (active or standby) holds the fixture's prediction. */
    private void awaitLocalCopy(AppInstance instance, Fixture fixture) throws InterruptedException {
        String url = instance.url("/internal/v1/stores/" + StoreNames.PREDICTIONS + "/keys/"
                + URLEncoder.encode(fixture.getFixtureId(), StandardCharsets.UTF_8).replace("+", "%20"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (http.get(url, InternalRoutes.SECRET, INTERNAL_SECRET).status() != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(instance.name() + " never held " + fixture.getFixtureId());
            }
            Thread.sleep(100);
        }
    }

    @AfterEach
    void stop() {
        for (AppInstance instance : new AppInstance[] {second, first}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldAnswerEveryFixtureTheSameOnEitherInstance() {
        Set<String> servers = new HashSet<>();
        for (Fixture fixture : FIXTURES) {
            // when
            Answer onFirst = http.get(first.url(predictionPath(fixture.getFixtureId())));
            Answer onSecond = http.get(second.url(predictionPath(fixture.getFixtureId())));

            // then: the same prediction, read from the same (active) store, fresh
            assertThat(onFirst.status()).as(fixture.getFixtureId()).isEqualTo(200);
            assertThat(onSecond.json()).as(fixture.getFixtureId()).isEqualTo(onFirst.json());
            assertThat(onFirst.json().get("stale").asBoolean()).isFalse();
            servers.add(onFirst.json().get("served_by").asText());
        }
        // both instances host some competitions, so some answers were forwarded each way
        assertThat(servers).containsExactlyInAnyOrder(first.name(), second.name());
    }

    @Test
    void shouldComputeTheSameOnDemandPredictionOnEitherInstance() throws InterruptedException {
        // given fixtures the stream never saw, one per competition: each instance hosts some competitions
        // (and answers those misses on its event loop) and asks the other for the rest's team state
        Instant kickoff = Instant.parse("2031-01-01T15:00:00Z").plus(Duration.ofMinutes(new Random().nextInt(500_000)));
        List<String[]> fixtures = List.of(new String[] {"E0", "Liverpool", "Arsenal"}, new String[] {"D1", "Dortmund", "Bayern Munich"});
        try (RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
             StatefulRedisConnection<String, String> redis = client.connect()) {
            for (String[] fixture : fixtures) {
                String body = "{\"home_team\":\"" + fixture[1] + "\",\"away_team\":\"" + fixture[2]
                        + "\",\"league\":\"" + fixture[0] + "\",\"kickoff_time\":\"" + kickoff + "\"}";
                String cacheKey = PredictionCache.key(first.models.lineup().champion().version(), fixture[0], fixture[1], fixture[2], kickoff);

                // when: asked of each instance, with the cache emptied before each (the app caches an answer
                // asynchronously after sending it, so each delete waits for that write)
                redis.sync().del(cacheKey);
                Answer onFirst = http.post(first.url("/api/v1/predict"), body);
                deleteOnceWritten(redis.sync(), cacheKey);
                Answer onSecond = http.post(second.url("/api/v1/predict"), body);
                deleteOnceWritten(redis.sync(), cacheKey);

                // then: computed from the same team state, to the last bit
                assertThat(onFirst.status()).as(body).isEqualTo(200);
                assertThat(onFirst.json().get("source").asText()).isEqualTo("computed");
                assertThat(onSecond.json()).as(body).isEqualTo(onFirst.json());
            }
        }
    }

    @Test
    void shouldMergeACompetitionsPredictionsFromBothInstances() {
        // when: every competition's range, asked of either instance
        for (String competition : List.of("E0", "D1", "I1", "SP1", "F1", "INT")) {
            String path = "/api/v1/predictions?competition=" + competition + "&from=2023-10-01&to=2023-11-30";
            Answer onFirst = http.get(first.url(path));
            Answer onSecond = http.get(second.url(path));

            // then
            List<String> expected = FIXTURES.stream().filter(f -> f.getCompetition().equals(competition))
                    .sorted((a, b) -> a.getKickoff().compareTo(b.getKickoff())).map(Fixture::getFixtureId).toList();
            assertThat(ids(onFirst)).as(competition).isEqualTo(expected);
            assertThat(onSecond.json().get("predictions")).as(competition).isEqualTo(onFirst.json().get("predictions"));
            assertThat(onFirst.json().get("unreachable").isEmpty()).isTrue();
        }
    }

    @Test
    void shouldAnswerFromStandbyCopiesFlaggedStaleWhenAnInstanceLeavesAndThroughTheRebalance() throws Exception {
        // given the fixtures whose active copy lives on the second instance
        Map<String, String> servedBy = new HashMap<>();
        for (Fixture fixture : FIXTURES) {
            servedBy.put(fixture.getFixtureId(),
                    http.get(first.url(predictionPath(fixture.getFixtureId()))).json().get("served_by").asText());
        }

        // when the second instance stops serving HTTP while its stream still owns its partitions
        second.http.close();
        List<Answer> whileAway = queryAll(first);

        // then its keys are answered from the first instance's standby copies, flagged stale
        for (int i = 0; i < FIXTURES.size(); i++) {
            String id = FIXTURES.get(i).getFixtureId();
            Answer answer = whileAway.get(i);
            assertThat(answer.status()).as(id).isEqualTo(200);
            assertThat(answer.json().get("served_by").asText()).as(id).isEqualTo(first.name());
            assertThat(answer.json().get("stale").asBoolean()).as(id).isEqualTo(servedBy.get(id).equals(second.name()));
        }

        // when its stream leaves the group too, and the first instance takes every partition over,
        // every fixture is asked of the first instance at the moment it turns REBALANCING: the
        // stream thread waits inside the state listener, so the rebalance cannot finish meanwhile
        List<Answer> atRebalance = new CopyOnWriteArrayList<>();
        CountDownLatch askedWhileRebalancing = new CountDownLatch(1);
        first.onStateChange = (now, before) -> {
            if (now == KafkaStreams.State.REBALANCING && askedWhileRebalancing.getCount() > 0) {
                atRebalance.addAll(queryAll(first));
                askedWhileRebalancing.countDown();
            }
        };
        CompletableFuture<Void> leaving = CompletableFuture.runAsync(second::close);
        assertThat(askedWhileRebalancing.await(60, TimeUnit.SECONDS)).as("the first instance rebalanced").isTrue();

        // then each is answered, flagged stale: nothing guarantees the copy read is current mid-rebalance
        for (int i = 0; i < FIXTURES.size(); i++) {
            String id = FIXTURES.get(i).getFixtureId();
            Answer answer = atRebalance.get(i);
            assertThat(answer.status()).as(id + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.json().get("prediction").get("fixture_id").asText()).as(id).isEqualTo(id);
            assertThat(answer.json().get("stale").asBoolean()).as(id).isTrue();
        }

        // and once the rebalance is over, with nothing failing meanwhile, the first instance answers everything fresh
        List<Answer> afterwards = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<Answer> round = List.of();
        while (!leaving.isDone() || !allFreshFrom(first, round)) {
            round = queryAll(first);
            afterwards.addAll(round);
            assertThat(Instant.now()).as("the first instance answers everything fresh in time").isBefore(deadline);
        }
        second = null;
        assertThat(afterwards).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
    }

    /** The round was answered in full by this instance alone, none of it stale. */
    private static boolean allFreshFrom(AppInstance instance, List<Answer> round) {
        return round.size() == FIXTURES.size() && round.stream().allMatch(answer -> answer.status() == 200
                && answer.json().get("served_by").asText().equals(instance.name())
                && !answer.json().get("stale").asBoolean());
    }

    private List<Answer> queryAll(AppInstance instance) {
        List<Answer> answers = new ArrayList<>();
        for (Fixture fixture : FIXTURES) {
            answers.add(http.get(instance.url(predictionPath(fixture.getFixtureId()))));
        }
        return answers;
    }

    private static List<String> ids(Answer answer) {
        List<String> ids = new ArrayList<>();
        for (JsonNode p : answer.json().get("predictions")) {
            ids.add(p.get("fixture_id").asText());
        }
        return ids;
    }
}
