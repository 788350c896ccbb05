package com.sabiscore.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.metrics.SabiScoreMetrics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The near cache in front of the machine's real Redis (127.0.0.1:6379), and of a private one that goes away. */
class NearCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final long TTL_MILLIS = TTL.toMillis();

    private final SabiScoreMetrics metrics = new SabiScoreMetrics();
    private final TestRedis redis = new TestRedis();
    /** Runs the cache reads' timeouts, as a request's event loop does in the app. */
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void closeRedisThenMetrics() {
        timeouts.shutdownNow();
        redis.close();
        metrics.close();
    }

    /** A cache over {@code on} whose connection tells {@code near} about its sessions, once tracking is on. */
    private PredictionCache cache(TestRedis on, NearCache near) throws InterruptedException {
        RedisConnection connection = on.connection(false, metrics, near);
        awaitTrue(() -> connection.isUp() && near.tracking(), "connected with tracking on");
        return new PredictionCache(connection, near, TTL, Duration.ofSeconds(5), metrics);
    }

    private double nearHits() {
        return metrics.registry().get("redis.near.cache.hits").counter().count();
    }

    private String key(String name) {
        return PredictionCache.key("test-1", "E0", redis.runId + "-" + name, "Chelsea", Instant.parse("2024-12-01T16:30:00Z"));
    }

    @Test
    void shouldAnswerARepeatedReadFromTheJvmOnce() throws Exception {
        // given
        NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
        PredictionCache cache = cache(redis, near);
        String key = key("repeat");
        redis.look().setex(key, TTL.toSeconds(), "A");

        // when
        Optional<String> first = cache.getAsync(key, timeouts).get();
        readUntilKept(cache, near, key);
        double hitsBefore = nearHits();
        Optional<String> repeated = cache.getAsync(key, timeouts).get();

        // then the repeated read was answered in the JVM, already complete
        assertThat(first).contains("A");
        assertThat(repeated).contains("A");
        assertThat(nearHits()).isEqualTo(hitsBefore + 1);
    }

    @Test
    void shouldDropAnEntryAnotherClientOverwrites() throws Exception {
        // given an entry kept in the JVM
        NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
        PredictionCache cache = cache(redis, near);
        String key = keptEntry(cache, near, "overwritten", "old");
        assertThat(near.get(key)).contains("old");

        // when another client writes the key
        redis.look().setex(key, TTL.toSeconds(), "new");

        // then Redis' invalidation drops it, and the next read sees the new value
        awaitTrue(() -> near.get(key).isEmpty(), "the overwritten entry to be dropped");
        assertThat(cache.getAsync(key, timeouts).get()).contains("new");
        assertThat(near.invalidationsReceived()).isPositive();
    }

    @Test
    void shouldDropAnEntryThisInstanceOverwrites() throws Exception {
        // given
        NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
        PredictionCache cache = cache(redis, near);
        String key = keptEntry(cache, near, "own-write", "corrupt");

        // when this instance replaces it (as it does an entry it cannot use)
        cache.put(key, "{\"fresh\":true}");

        // then its own write is echoed back as an invalidation too
        awaitTrue(() -> near.get(key).isEmpty(), "the entry this instance overwrote to be dropped");
        assertThat(cache.getAsync(key, timeouts).get()).contains("{\"fresh\":true}");
    }

    @Test
    void shouldNotOutliveTheEntrysTimeToLiveInRedis() throws Exception {
        // given an entry that expires in Redis after a second, kept once its time to live has been read
        NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
        PredictionCache cache = cache(redis, near);
        String key = key("expiring");
        redis.look().setex(key, 1, "short-lived");
        assertThat(cache.getAsync(key, timeouts).get()).contains("short-lived");
        readUntilKept(cache, near, key);

        // then the copy goes when Redis' time to live runs out, whenever Redis itself gets round to expiring it
        Thread.sleep(1_000);
        assertThat(near.get(key)).isEmpty();
        assertThat(cache.getAsync(key, timeouts).get()).isEmpty();
    }

    @Test
    void shouldNotKeepAReplyThatRacedAnInvalidationOfItsKey() throws Exception {
        // given a read issued while tracking is on
        NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
        cache(redis, near);
        String key = key("raced");
        NearCache.Ticket ticket = near.ticket(key);

        // when Redis invalidates the key before the reply is handled
        near.pushed(invalidation(key));
        near.offer(key, "stale", TTL_MILLIS, ticket);

        // then the reply is answered but not kept; a read issued after the invalidation is
        near.offer(key, "fresh", TTL_MILLIS, near.ticket(key));
        assertThat(near.get(key)).contains("fresh");
        near.pushed(invalidation(key));
        assertThat(near.get(key)).isEmpty();
    }

    @Test
    void shouldForgetEverythingOnAFlushMessage() throws Exception {
        // given
        NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
        cache(redis, near);
        near.offer(key("a"), "A", TTL_MILLIS, near.ticket(key("a")));
        near.offer(key("b"), "B", TTL_MILLIS, near.ticket(key("b")));
        assertThat(near.size()).isEqualTo(2);

        // when Redis says every key is invalid (FLUSHALL: no key list)
        near.pushed(invalidation((String[]) null));

        // then
        assertThat(near.size()).isZero();
    }

    @Test
    void shouldKeepAtMostItsCapacityAndNothingWhenTurnedOff() throws Exception {
        // given
        NearCache small = new NearCache(2, PredictionCache.KEY_PREFIX, metrics.registry());
        cache(redis, small);

        // when
        for (String name : List.of("a", "b", "c")) {
            small.offer(key(name), name, TTL_MILLIS, small.ticket(key(name)));
        }

        // then two are kept (which two is the cache's admission policy); an off cache takes no ticket and keeps nothing
        assertThat(small.size()).isEqualTo(2);
        NearCache off = new NearCache(0, PredictionCache.KEY_PREFIX, metrics.registry());
        assertThat(off.ticket(key("a"))).isNull();
        off.offer(key("a"), "A", TTL_MILLIS, null);
        assertThat(off.size()).isZero();
    }

    @Test
    void shouldNotCountAnExpiredEntryAsKept() throws Exception {
        // given an entry that Redis said lives for a millisecond, never read again
        NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
        cache(redis, near);
        near.offer(key("gone"), "G", 1, near.ticket(key("gone")));
        Thread.sleep(20);

        // then it is not answered, and it leaves the size the metrics show (Caffeine drops it within about a second)
        assertThat(near.get(key("gone"))).isEmpty();
        awaitTrue(() -> near.size() == 0, "the expired entry to leave the count");
    }

    @Test
    void shouldPublishItsStatisticsAsCacheMetrics() throws Exception {
        // given a kept entry
        NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
        PredictionCache cache = cache(redis, near);
        String key = keptEntry(cache, near, "counted", "{\"counted\":true}");

        // when it is read from the JVM once, and a key never kept once
        near.get(key);
        near.get(key("never"));

        // then the near cache's gets are counted by outcome under its name
        assertThat(metrics.registry().get("cache.gets").tag("cache", "near_cache").tag("result", "hit").functionCounter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics.registry().get("cache.gets").tag("cache", "near_cache").tag("result", "miss").functionCounter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics.scrape()).contains("cache_size{cache=\"near_cache\"}");
    }

    @Test
    void shouldDropEverythingWhenRedisGoesAwayAndTrackAgainWhenItIsBack() throws Exception {
        try (RedisServerProcess server = new RedisServerProcess(); TestRedis own = new TestRedis(server.uri())) {
            // given an entry kept from a private Redis
            server.start();
            NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
            PredictionCache cache = cache(own, near);
            String key = key("reconnect");
            cache.put(key, "before");
            awaitTrue(() -> getQuietly(cache, key).isPresent(), "the entry to be written");
            readUntilKept(cache, near, key);
            assertThat(near.get(key)).contains("before");

            // when Redis stops: invalidations could be missed from now on
            server.stop();

            // then nothing is kept and nothing is answered from the JVM while it is away
            awaitTrue(() -> !near.tracking() && near.size() == 0, "the session to end and every entry to go");
            double hitsWhileAway = nearHits();
            assertThat(cache.getAsync(key, timeouts).get()).isEmpty();
            assertThat(nearHits()).isEqualTo(hitsWhileAway);

            // and once Redis is back (empty), tracking is on again and reads are kept again
            server.start();
            awaitTrue(near::tracking, "tracking to be on again after the reconnect");
            assertThat(cache.getAsync(key, timeouts).get()).isEmpty();
            cache.put(key, "after");
            awaitTrue(() -> getQuietly(cache, key).isPresent(), "the entry to be written again");
            assertThat(cache.getAsync(key, timeouts).get()).contains("after");
            readUntilKept(cache, near, key);
            assertThat(near.get(key)).contains("after");
        }
    }

    @Test
    void shouldDropEverythingWhenRedisIsFlushedWithoutAReconnect() throws Exception {
        try (RedisServerProcess server = new RedisServerProcess(); TestRedis own = new TestRedis(server.uri());
             RedisClient direct = RedisClient.create(server.uri())) {
            // given an entry kept from a private Redis
            server.start();
            NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
            PredictionCache cache = cache(own, near);
            RedisCommands<String, String> other = direct.connect().sync();
            String key = key("flushed");
            other.setex(key, TTL.toSeconds(), "before");
            readUntilKept(cache, near, key);

            // when another client empties Redis, the connection staying open
            other.flushall();

            // then Redis' flush message drops the entry, and the next read is a miss, not the kept value
            awaitTrue(() -> near.size() == 0, "the flush to drop every entry");
            assertThat(near.tracking()).isTrue();
            assertThat(cache.getAsync(key, timeouts).get()).isEmpty();
        }
    }

    /** Writes {@code value} under a key of this run (as another client) and reads it until the near cache keeps it. */
    private String keptEntry(PredictionCache cache, NearCache near, String name, String value) throws InterruptedException {
        String key = key(name);
        redis.look().setex(key, TTL.toSeconds(), value);
        readUntilKept(cache, near, key);
        return key;
    }

    /**
     * Reads until the near cache keeps the entry: a read is not kept when an invalidation under the
     * prefix (say of a write just before it) reaches this client after the read was issued.
     */
    private void readUntilKept(PredictionCache cache, NearCache near, String key) throws InterruptedException {
        awaitTrue(() -> {
            cache.getAsync(key, timeouts).join();
            return near.get(key).isPresent();
        }, "the entry to be kept");
    }

    private Optional<String> getQuietly(PredictionCache cache, String key) {
        return cache.getAsync(key, timeouts).join();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Redis' RESP3 {@code invalidate} push: the keys, or null for "every key". */
    private static PushMessage invalidation(String... keys) {
        List<Object> keyBuffers = keys == null ? null : Arrays.stream(keys)
                .map(k -> (Object) ByteBuffer.wrap(k.getBytes(StandardCharsets.UTF_8))).toList();
        List<Object> content = Arrays.asList("invalidate", keyBuffers);
        return new PushMessage() {
            @Override
            public String getType() {
                return "invalidate";
            }

            @Override
            public List<Object> getContent() {
                return content;
            }

            @Override
            public List<Object> getContent(Function<ByteBuffer, Object> decode) {
                return content;
            }
        };
    }
}
