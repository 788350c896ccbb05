package com.sabiscore.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.metrics.SabiScoreMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the machine's real Redis (127.0.0.1:6379). */
class PredictionCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Instant KICKOFF = Instant.parse("2024-12-01T16:30:00Z");

    private final SabiScoreMetrics metrics = new SabiScoreMetrics();
    private final TestRedis redis = new TestRedis();
    /** Runs the cache reads' timeouts, as a request's event loop does in the app. */
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor();

    /** Closes the connections {@link TestRedis} handed out too. */
    @AfterEach
    void cleanUp() {
        timeouts.shutdownNow();
        redis.close();
        metrics.close();
    }

    private PredictionCache cache(TestRedis on) throws InterruptedException {
        NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
        RedisConnection connection = on.connection(false, metrics, near);
        for (int i = 0; i < 100 && !connection.isUp() && on == redis; i++) {
            Thread.sleep(10);
        }
        return new PredictionCache(connection, near, TTL, Duration.ofMillis(200), metrics);
    }

    private double failures() {
        return metrics.registry().find("redis.failures").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldKeyAnAnswerByModelVersionCompetitionTeamsAndKickoff() {
        assertThat(PredictionCache.key("ensemble-v3", "E0", "Arsenal", "Chelsea", KICKOFF))
                .isEqualTo("pred:ensemble-v3:E0:Arsenal:Chelsea:2024-12-01T16:30:00Z");
    }

    @Test
    void shouldMissThenHitWithTheTtlSet() throws Exception {
        // given
        PredictionCache cache = cache(redis);
        String key = PredictionCache.key("test-1", "E0", redis.runId + "-Arsenal", "Chelsea", KICKOFF);

        // when
        Optional<String> before = cache.getAsync(key, timeouts).get();
        cache.put(key, "{\"home_win_prob\":0.5}");
        for (int i = 0; i < 100 && redis.look().get(key) == null; i++) {
            Thread.sleep(5);
        }

        // then
        assertThat(before).isEmpty();
        assertThat(cache.getAsync(key, timeouts).get()).contains("{\"home_win_prob\":0.5}");
        assertThat(redis.look().ttl(key)).isBetween(TTL.toSeconds() - 5, TTL.toSeconds());
    }

    @Test
    void shouldReadManyKeysInOrderWithMissesInPlace() throws Exception {
        // given
        PredictionCache cache = cache(redis);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(redis.runId + ":a", "A");
        entries.put(redis.runId + ":c", "C");
        cache.putAll(entries);
        for (int i = 0; i < 100 && redis.look().get(redis.runId + ":c") == null; i++) {
            Thread.sleep(5);
        }

        // when
        List<Optional<String>> values = cache.getAll(List.of(redis.runId + ":a", redis.runId + ":b", redis.runId + ":c"));

        // then
        assertThat(values).containsExactly(Optional.of("A"), Optional.empty(), Optional.of("C"));
    }

    @Test
    void shouldMissOnTheReadTimeoutAndCountOneFailureWhenRedisAnswersLate() throws Exception {
        // given: an entry, then Redis holding every client's commands for longer than the read timeout (200 ms)
        PredictionCache cache = cache(redis);
        String key = PredictionCache.key("test-1", "E0", redis.runId + "-Slow", "Chelsea", KICKOFF);
        redis.look().setex(key, TTL.toSeconds(), "{\"home_win_prob\":0.5}");
        redis.look().clientPause(1_000);

        // when
        CompletableFuture<Optional<String>> read = cache.getAsync(key, timeouts);

        // then: a miss when the timeout runs out, well before Redis answers
        assertThat(read.get(900, TimeUnit.MILLISECONDS)).isEmpty();
        assertThat(failures()).isEqualTo(1);

        // and: once Redis answers again, the late reply changes nothing and the next read hits
        redis.look().ping();
        assertThat(cache.getAsync(key, timeouts).get(5, TimeUnit.SECONDS)).contains("{\"home_win_prob\":0.5}");
        assertThat(failures()).isEqualTo(1);
    }

    @Test
    void shouldMissQuicklyAndCountTheFailureWhenRedisIsDown() throws Exception {
        // given a Redis endpoint nobody listens on
        try (TestRedis closed = new TestRedis("redis://127.0.0.1:1")) {
            PredictionCache cache = cache(closed);

            // when
            long start = System.nanoTime();
            Optional<String> value = cache.getAsync("pred:a:b:c", timeouts).get();
            List<Optional<String>> values = cache.getAll(List.of("x", "y"));
            cache.put("pred:a:b:c", "{}");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            // then
            assertThat(value).isEmpty();
            assertThat(values).containsExactly(Optional.empty(), Optional.empty());
            assertThat(elapsedMillis).isLessThan(200);
            assertThat(failures()).isGreaterThanOrEqualTo(3);
        }
    }
}
