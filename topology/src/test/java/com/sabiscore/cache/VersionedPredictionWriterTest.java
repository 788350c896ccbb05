package com.sabiscore.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.cache.VersionedPredictionWriter.Outcome;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.PredictionEvents;
import com.sabiscore.query.PredictionView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the machine's real Redis (127.0.0.1:6379). */
class VersionedPredictionWriterTest {

    private static final Duration TTL = Duration.ofSeconds(120);

    private final SabiScoreMetrics metrics = new SabiScoreMetrics();
    private final TestRedis redis = new TestRedis();
    private final List<RedisConnection> connections = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        connections.forEach(RedisConnection::close);
        redis.close();
        metrics.close();
    }

    private VersionedPredictionWriter writer() throws InterruptedException {
        RedisConnection connection = redis.connection(true, metrics);
        connections.add(connection);
        for (int i = 0; i < 100 && !connection.isUp(); i++) {
            Thread.sleep(10);
        }
        return new VersionedPredictionWriter(connection, TTL, Duration.ofSeconds(10));
    }

    private MirrorEntry entry(String fixtureId, long version) throws Exception {
        PredictionView view = PredictionEvents.aPrediction().fixtureId(fixtureId).version(version).view();
        return new MirrorEntry(fixtureId, version, JsonFormat.mapper().writeValueAsString(view), 0);
    }

    private long storedVersion(String fixtureId) throws Exception {
        JsonNode stored = JsonFormat.mapper().readTree(redis.look().get(VersionedPredictionWriter.redisKey(fixtureId)));
        return stored.get("version").asLong();
    }

    @Test
    void shouldWriteThePredictionAsJsonWithTheTtl() throws Exception {
        // given
        String fixture = redis.fixtureId("first");
        VersionedPredictionWriter writer = writer();

        // when
        List<Outcome> outcomes = writer.write(List.of(entry(fixture, 3)));

        // then
        assertThat(outcomes).containsExactly(Outcome.WRITTEN);
        String key = "prediction:" + fixture;
        JsonNode stored = JsonFormat.mapper().readTree(redis.look().get(key));
        assertThat(stored.get("fixture_id").asText()).isEqualTo(fixture);
        assertThat(stored.get("version").asLong()).isEqualTo(3);
        assertThat(redis.look().ttl(key)).isBetween(TTL.toSeconds() - 5, TTL.toSeconds());
    }

    @Test
    void shouldKeepTheNewerVersionWhenAnOlderOneIsWrittenAfterIt() throws Exception {
        // given version 5 in Redis
        String fixture = redis.fixtureId("late");
        VersionedPredictionWriter writer = writer();
        writer.write(List.of(entry(fixture, 5)));

        // when a delayed writer sends version 4, and then version 6 arrives
        List<Outcome> older = writer.write(List.of(entry(fixture, 4)));
        long afterOlder = storedVersion(fixture);
        List<Outcome> newer = writer.write(List.of(entry(fixture, 6)));

        // then
        assertThat(older).containsExactly(Outcome.KEPT_NEWER);
        assertThat(afterOlder).isEqualTo(5);
        assertThat(newer).containsExactly(Outcome.WRITTEN);
        assertThat(storedVersion(fixture)).isEqualTo(6);
    }

    @Test
    void shouldEndWithTheHighestVersionWhenWritersRace() throws Exception {
        // given two writers on their own connections, each sending every version of 10 fixtures,
        // one in rising and one in falling order, released together
        VersionedPredictionWriter rising = writer();
        VersionedPredictionWriter falling = writer();
        List<String> fixtures = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            fixtures.add(redis.fixtureId("race" + f));
        }
        List<MirrorEntry> up = new ArrayList<>();
        List<MirrorEntry> down = new ArrayList<>();
        for (int v = 1; v <= 30; v++) {
            for (String fixture : fixtures) {
                up.add(entry(fixture, v));
                down.add(0, entry(fixture, v));
            }
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);

        // when
        Future<List<Outcome>> a = pool.submit(() -> {
            go.await();
            return rising.write(up);
        });
        Future<List<Outcome>> b = pool.submit(() -> {
            go.await();
            return falling.write(down);
        });
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>(a.get());
        outcomes.addAll(b.get());
        pool.shutdown();

        // then every fixture holds version 30, whichever writer got there first
        assertThat(outcomes).doesNotContain(Outcome.FAILED).contains(Outcome.KEPT_NEWER);
        for (String fixture : fixtures) {
            assertThat(storedVersion(fixture)).as(fixture).isEqualTo(30);
        }
    }

    @Test
    void shouldReportEveryWriteFailedWhenRedisDoesNotAnswer() throws Exception {
        // given a Redis endpoint nobody listens on
        try (TestRedis closed = new TestRedis("redis://127.0.0.1:1")) {
            RedisConnection connection = closed.connection(true, metrics);
            connections.add(connection);
            VersionedPredictionWriter writer = new VersionedPredictionWriter(connection, TTL, Duration.ofSeconds(1));

            // when
            long start = System.nanoTime();
            List<Outcome> outcomes = writer.write(List.of(entry(redis.fixtureId("a"), 1), entry(redis.fixtureId("b"), 1)));

            // then at once, without an exception
            assertThat(outcomes).containsExactly(Outcome.FAILED, Outcome.FAILED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        }
    }
}
