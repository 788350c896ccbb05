package com.sabiscore.cache;

import static com.sabiscore.query.PredictionEvents.aPrediction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Prediction;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.PredictionEvents;
import com.sabiscore.serde.EventSerdes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror between a real in-process broker and real Redis: the machine's Redis on 6379, or a
 * private {@code redis-server} where Redis must go away and come back.
 */
class HotKeyMirrorTest {

    private static final Duration TTL = Duration.ofSeconds(120);
    /** Event time of every prediction here; kick-offs are placed relative to it. */
    private static final Instant AS_OF = Instant.parse("2024-01-05T12:00:00Z");

    @TempDir
    static Path folder;

    private static EmbeddedKafkaBroker broker;

    private final SabiScoreMetrics metrics = new SabiScoreMetrics();
    private final TestRedis redis = new TestRedis();
    private final HotKeyTracker tracker = new HotKeyTracker(2, Duration.ofMinutes(5), System::nanoTime);
    private AppConfig config;
    private RedisConnection connection;
    private HotKeyMirror mirror;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void provisionTopics() {
        String run = redis.runId;
        config = AppConfig.of(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "application.id", "mirror-" + run,
                "topic.fixtures", "fixtures-" + run,
                "topic.results", "results-" + run,
                "topic.predictions", "predictions-" + run,
                "topic.dead-letters", "dead-letters-" + run,
                "topic.partitions", "2",
                "hotkey.horizon.hours", "48",
                "cache.ttl.seconds", Long.toString(TTL.toSeconds())));
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin).provision(config);
        }
    }

    @AfterEach
    void stop() {
        if (mirror != null) {
            mirror.close();
        }
        if (connection != null) {
            connection.close();
        }
        redis.close();
        metrics.close();
    }

    private void startMirror(TestRedis on) {
        connection = on.connection(true, metrics);
        mirror = new HotKeyMirror(config, connection, tracker, Duration.ofSeconds(10), metrics);
        mirror.start();
    }

    /** A prediction of a fixture unique to this run, kicking off {@code hoursAhead} after its event time. */
    private PredictionEvents prediction(String name, long hoursAhead) {
        return aPrediction().fixtureId(redis.fixtureId(name)).asOf(AS_OF.toString())
                .kickoff(AS_OF.plus(Duration.ofHours(hoursAhead)).toString());
    }

    private void produce(PredictionEvents... predictions) {
        try (KafkaProducer<String, Prediction> producer = new KafkaProducer<>(config.producerProperties(),
                new StringSerializer(), EventSerdes.prediction().serializer())) {
            for (PredictionEvents p : predictions) {
                producer.send(new ProducerRecord<>(config.predictionsTopic(), p.id(), p.build()));
            }
        }
    }

    private static Long mirroredVersion(RedisCommands<String, String> on, String fixtureId) {
        String json = on.get("prediction:" + fixtureId);
        if (json == null) {
            return null;
        }
        try {
            JsonNode stored = JsonFormat.mapper().readTree(json);
            return stored.get("version").asLong();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void shouldMirrorPredictionsKickingOffWithinTheHorizonOnly() throws Exception {
        // given
        startMirror(redis);
        PredictionEvents tomorrow = prediction("tomorrow", 24);
        PredictionEvents nextMonth = prediction("next-month", 24 * 30);
        PredictionEvents alreadyPlayed = prediction("played", -3);
        PredictionEvents lastInLine = prediction("sentinel", 47);

        // when
        produce(tomorrow, nextMonth, alreadyPlayed, lastInLine);

        // then: once the last one is there, the ones before it have been decided
        await("the sentinel is mirrored", () -> mirroredVersion(redis.look(), lastInLine.id()) != null);
        assertThat(mirroredVersion(redis.look(), tomorrow.id())).isEqualTo(1L);
        assertThat(mirroredVersion(redis.look(), nextMonth.id())).isNull();
        assertThat(mirroredVersion(redis.look(), alreadyPlayed.id())).isNull();
        String stored = redis.look().get("prediction:" + tomorrow.id());
        assertThat(JsonFormat.mapper().readTree(stored).get("kickoff").asText()).isEqualTo("2024-01-06T12:00:00Z");
        assertThat(redis.look().ttl("prediction:" + tomorrow.id())).isBetween(TTL.toSeconds() - 10, TTL.toSeconds());
    }

    @Test
    void shouldMirrorAFixtureLookedUpMoreThanTheThreshold() throws Exception {
        // given a far-away fixture looked up three times (threshold 2), and one looked up once
        startMirror(redis);
        PredictionEvents popular = prediction("popular", 24 * 30);
        PredictionEvents quiet = prediction("quiet", 24 * 30);
        tracker.lookedUp(popular.id());
        tracker.lookedUp(popular.id());
        tracker.lookedUp(popular.id());
        tracker.lookedUp(quiet.id());
        PredictionEvents lastInLine = prediction("sentinel", 1);

        // when their next versions are streamed
        produce(popular.version(2), quiet.version(2), lastInLine);

        // then
        await("the sentinel is mirrored", () -> mirroredVersion(redis.look(), lastInLine.id()) != null);
        assertThat(mirroredVersion(redis.look(), popular.id())).isEqualTo(2L);
        assertThat(mirroredVersion(redis.look(), quiet.id())).isNull();
    }

    @Test
    void shouldWriteWhatTheHttpLayerHandsOverForAHotFixture() throws Exception {
        // given
        startMirror(redis);
        PredictionEvents served = prediction("served", 24 * 30).version(7);

        // when
        mirror.mirrorHot(served.view());

        // then
        await("the handed-over prediction is mirrored", () -> mirroredVersion(redis.look(), served.id()) != null);
        assertThat(mirroredVersion(redis.look(), served.id())).isEqualTo(7L);
    }

    @Test
    void shouldNeverReplaceANewerVersionWithAnOlderOne() throws Exception {
        // given version 3 already mirrored
        startMirror(redis);
        PredictionEvents fixture = prediction("reordered", 12);
        produce(fixture.version(3));
        await("version 3 is mirrored", () -> Long.valueOf(3).equals(mirroredVersion(redis.look(), fixture.id())));

        // when a late version 2 arrives
        PredictionEvents lastInLine = prediction("sentinel", 1);
        produce(fixture.version(2), lastInLine);

        // then
        await("the sentinel is mirrored", () -> mirroredVersion(redis.look(), lastInLine.id()) != null);
        assertThat(mirroredVersion(redis.look(), fixture.id())).isEqualTo(3L);
    }

    @Test
    void shouldSkipPredictionsOfAnAbortedTransaction() throws Exception {
        // given
        startMirror(redis);
        PredictionEvents aborted = prediction("aborted", 5);
        PredictionEvents committed = prediction("committed", 5);
        Properties props = config.producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "mirror-test-" + redis.runId);

        // when one transaction aborts and the next commits
        try (KafkaProducer<String, Prediction> producer = new KafkaProducer<>(props, new StringSerializer(),
                EventSerdes.prediction().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(config.predictionsTopic(), aborted.id(), aborted.build()));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(config.predictionsTopic(), committed.id(), committed.build()));
            producer.commitTransaction();
        }

        // then
        await("the committed prediction is mirrored", () -> mirroredVersion(redis.look(), committed.id()) != null);
        assertThat(mirroredVersion(redis.look(), aborted.id())).isNull();
    }

    @Test
    void shouldKeepTheNewestVersionsWhileRedisIsDownAndCatchUpWhenItIsBack() throws Exception {
        try (RedisServerProcess server = new RedisServerProcess(); TestRedis away = new TestRedis(server.uri())) {
            // given a mirror whose Redis is not running
            startMirror(away);
            PredictionEvents fixture = prediction("waiting", 10);
            produce(fixture.version(1), fixture.version(2), prediction("other", 20));

            // when it has tried and failed
            await("a failure is counted", () -> metrics.registry().find("redis.failures").counters().stream()
                    .mapToDouble(c -> c.count()).sum() > 0);
            await("both fixtures wait", () -> metrics.registry().get("redis.mirror.pending").gauge().value() == 2);

            // and Redis starts
            server.start();

            // then the newest version of each waiting fixture is written, and the backlog empties
            try (var direct = io.lettuce.core.RedisClient.create(server.uri())) {
                RedisCommands<String, String> look = direct.connect().sync();
                await("the newest version arrives", () -> Long.valueOf(2).equals(mirroredVersion(look, fixture.id())));
                await("the backlog is empty", () -> metrics.registry().get("redis.mirror.pending").gauge().value() == 0);
                assertThat(metrics.registry().get("redis.mirror.lag").gauge().value()).isZero();
            }
        }
    }

    /** A private redis-server, started, the mirror writing to it, and a direct connection to look at it. */
    private final class MirrorOnPrivateRedis implements AutoCloseable {

        final RedisServerProcess server;
        final RedisCommands<String, String> look;
        private final TestRedis own;
        private final RedisClient direct;

        MirrorOnPrivateRedis(RedisServerProcess server) throws IOException, InterruptedException {
            this.server = server;
            server.start();
            own = new TestRedis(server.uri());
            startMirror(own);
            direct = RedisClient.create(server.uri());
            look = direct.connect().sync();
        }

        /** Whether Redis holds exactly the {@code newest} versions of their fixtures now. */
        boolean holds(Map<String, Long> newest) {
            Map<String, Long> held = new LinkedHashMap<>();
            try {
                newest.keySet().forEach(id -> held.put(id, mirroredVersion(look, id)));
            } catch (RedisException notNow) {
                return false;
            }
            return newest.equals(held);
        }

        /**
         * Streams fixtures of this run in several versions and hands one over as the HTTP layer does;
         * waits until Redis holds each newest version and returns them by fixture.
         */
        Map<String, Long> mirrorFixtures() throws InterruptedException {
            PredictionEvents twice = prediction("twice", 10);
            PredictionEvents thrice = prediction("thrice", 20);
            PredictionEvents once = prediction("once", 30);
            PredictionEvents hot = prediction("hot", 24 * 30).version(4);
            produce(twice.version(1), thrice.version(1), twice.version(2), once.version(1), thrice.version(2),
                    thrice.version(3));
            mirror.mirrorHot(hot.view());
            Map<String, Long> newest = new LinkedHashMap<>();
            newest.put(twice.id(), 2L);
            newest.put(thrice.id(), 3L);
            newest.put(once.id(), 1L);
            newest.put(hot.id(), 4L);
            await("the newest versions are mirrored", () -> holds(newest));
            return newest;
        }

        @Override
        public void close() throws InterruptedException {
            direct.close();
            own.close();
            server.close();
        }
    }

    @Test
    void shouldWriteEveryMirroredKeyAgainWithItsNewestVersionWhenRedisRestartsEmpty() throws Exception {
        try (MirrorOnPrivateRedis redisOfMirror = new MirrorOnPrivateRedis(new RedisServerProcess())) {
            // given predictions mirrored to a private Redis
            Map<String, Long> newest = redisOfMirror.mirrorFixtures();

            // when it restarts without persistence: every key is gone
            redisOfMirror.server.stop();
            redisOfMirror.server.start();

            // then every mirrored key comes back, each with its newest version
            await("every key is mirrored again", () -> redisOfMirror.holds(newest));
        }
    }

    @Test
    void shouldWriteEveryMirroredKeyAgainWhenRedisIsFlushedWithoutAReconnect() throws Exception {
        try (MirrorOnPrivateRedis redisOfMirror = new MirrorOnPrivateRedis(new RedisServerProcess())) {
            // given
            Map<String, Long> newest = redisOfMirror.mirrorFixtures();

            // when Redis is emptied while the mirror stays connected
            redisOfMirror.look.flushall();
            assertThat(redisOfMirror.look.dbsize()).isZero();

            // then
            await("every key is mirrored again", () -> redisOfMirror.holds(newest));
        }
    }

    @Test
    void shouldHoldEveryNewestVersionWhenRedisReturnsEmptyAfterNewVersionsCameWhileItWasDown() throws Exception {
        try (MirrorOnPrivateRedis redisOfMirror = new MirrorOnPrivateRedis(new RedisServerProcess())) {
            // given predictions mirrored, then Redis down
            Map<String, Long> newest = redisOfMirror.mirrorFixtures();
            redisOfMirror.server.stop();

            // when new versions of some fixtures, and a new fixture, are streamed while it is down
            PredictionEvents arrivedDuringOutage = prediction("new", 5);
            produce(prediction("twice", 10).version(3), prediction("thrice", 20).version(4),
                    prediction("thrice", 20).version(5), arrivedDuringOutage);
            newest.put(redis.fixtureId("twice"), 3L);
            newest.put(redis.fixtureId("thrice"), 5L);
            newest.put(arrivedDuringOutage.id(), 1L);
            await("the new versions wait", () -> metrics.registry().get("redis.mirror.pending").gauge().value() == 3);

            // and it comes back empty
            redisOfMirror.server.start();

            // then the fixtures not streamed during the outage come back, and the others hold their newest version
            await("every newest version is mirrored", () -> redisOfMirror.holds(newest));
            await("the backlog is empty", () -> metrics.registry().get("redis.mirror.pending").gauge().value() == 0);
        }
    }

    @Test
    void shouldWriteTheNewestVersionsAgainWhenRedisRestartsFromAnOlderSnapshot() throws Exception {
        Path snapshots = Files.createDirectories(folder.resolve("redis-" + redis.runId));
        try (MirrorOnPrivateRedis redisOfMirror = new MirrorOnPrivateRedis(new RedisServerProcess(snapshots, null))) {
            // given a snapshot taken at version 1, and version 2 mirrored after it
            PredictionEvents fixture = prediction("snapshot", 10);
            produce(fixture.version(1));
            await("version 1 is mirrored", () -> redisOfMirror.holds(Map.of(fixture.id(), 1L)));
            redisOfMirror.look.save();
            produce(fixture.version(2));
            await("version 2 is mirrored", () -> redisOfMirror.holds(Map.of(fixture.id(), 2L)));

            // when Redis restarts and loads the snapshot: version 1, the mirror's marker still there
            redisOfMirror.server.stop();
            redisOfMirror.server.start();

            // then the mirror sees a new server and writes version 2 again
            await("version 2 is mirrored again", () -> redisOfMirror.holds(Map.of(fixture.id(), 2L)));
        }
    }
}
