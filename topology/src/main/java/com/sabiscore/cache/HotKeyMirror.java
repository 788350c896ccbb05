package com.sabiscore.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Prediction;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.PredictionView;
import com.sabiscore.serde.EventSerdes;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps hot predictions in Redis as JSON under {@code prediction:{fixtureId}} (with a TTL), for
 * readers that go to Redis directly. Hot means: kick-off within the horizon of the prediction's
 * event time, or looked up often ({@link HotKeyTracker}; the HTTP layer hands such predictions
 * over with {@link #mirrorHot}).
 *
 * <p>Its own thread reads the predictions topic with {@code read_committed} (only predictions of
 * committed stream transactions) in a consumer group shared by the app's instances, so each
 * prediction is mirrored by one of them. Writes are versioned ({@link VersionedPredictionWriter})
 * and pipelined. When Redis fails the newest version per fixture waits in a backlog and is
 * retried with back-off (100 ms doubling to 5 s); offsets are committed only once the backlog is
 * empty, so a crash replays rather than loses. Lag and failures are metrics.
 *
 * <p>Redis may lose what was mirrored (a restart without persistence, {@code FLUSHALL}, eviction)
 * with or without the connection dropping. Once a second a {@link MirrorMarker} tells whether it
 * did; if so, every entry written within the time to live ({@link MirroredEntries}) goes back into
 * the backlog and is written again, versioned as ever, so Redis converges on the newest versions.
 */
public final class HotKeyMirror implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HotKeyMirror.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;
    /** Writes per pipeline: small enough to finish well within the write timeout on a busy machine. */
    private static final int BATCH = 200;
    private static final long CHECK_INTERVAL_MILLIS = 1_000;
    /**
     * The JSON kept to write again after a loss: kept in memory because the predictions topic keeps
     * every version since the first and the stores may be on other instances, and bounded at 64 Mi
     * characters, which hold a whole-history replay's ~55,000 predictions within one time to live.
     */
    private static final long MAX_MIRRORED_CHARS = 64L * 1024 * 1024;

    /** The newest version this instance has mirrored or queued for a fixture; {@code writtenMillis} 0 while queued. */
    private record Known(long version, long writtenMillis) {
    }

    private final Consumer<String, Prediction> consumer;
    private final String topic;
    private final VersionedPredictionWriter writer;
    private final HotKeyTracker tracker;
    private final Duration horizon;
    private final long ttlMillis;
    private final SabiScoreMetrics metrics;
    private final KafkaClientMetrics consumerMetrics;
    private final MirrorBacklog backlog = new MirrorBacklog();
    private final Queue<PredictionView> handedOver = new ConcurrentLinkedQueue<>();
    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();
    private final MirroredEntries mirrored;
    private final MirrorMarker marker;
    private final Thread thread;
    private volatile boolean running = true;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private long nextAttemptMillis;
    private long nextSweepMillis;
    private long nextCheckMillis;
    private boolean uncommitted;

    /**
     * @param redis        a pipelined connection of the mirror's own ({@code pipelined = true})
     * @param redisTimeout how long one pipelined batch of writes may take
     */
    public HotKeyMirror(AppConfig config, RedisConnection redis, HotKeyTracker tracker, Duration redisTimeout,
                        SabiScoreMetrics metrics) {
        this.consumer = new KafkaConsumer<>(consumerProperties(config), new StringDeserializer(),
                EventSerdes.prediction().deserializer());
        this.topic = config.predictionsTopic();
        Duration ttl = Duration.ofSeconds(config.cacheTtlSeconds());
        this.writer = new VersionedPredictionWriter(redis, ttl, redisTimeout);
        this.tracker = tracker;
        this.horizon = Duration.ofHours(config.hotKeyHorizonHours());
        this.ttlMillis = ttl.toMillis();
        this.mirrored = new MirroredEntries(ttlMillis, MAX_MIRRORED_CHARS);
        this.marker = new MirrorMarker(redis, redisTimeout);
        this.metrics = metrics;
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(metrics.registry());
        this.thread = new Thread(this::run, "hot-key-mirror");
        thread.setDaemon(true);
    }

    private static Properties consumerProperties(AppConfig config) {
        Properties props = config.consumerProperties();
        // one group for all instances: each prediction is mirrored once, by whichever instance owns its partition
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId() + "-hot-key-mirror");
        // predictions are written in exactly-once transactions: never mirror one that was aborted
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // offsets are committed by hand once the backlog is in Redis: a crash replays, never skips
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a new group starts at the beginning so the predictions emitted before it joined are mirrored too
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    public void start() {
        thread.start();
    }

    /**
     * Hands over a prediction the HTTP layer just served for a fixture that is hot by lookups.
     * Cheap when Redis already has this version (the usual case): a map read.
     */
    public void mirrorHot(PredictionView prediction) {
        Known present = known.get(prediction.fixtureId());
        long now = System.currentTimeMillis();
        if (present != null && present.version() >= prediction.version() && !expiresSoon(present, now)) {
            return;
        }
        known.put(prediction.fixtureId(), new Known(prediction.version(), 0));
        handedOver.add(prediction);
    }

    /** Written more than half a TTL ago: rewrite so a hot fixture does not drop out of Redis. */
    private boolean expiresSoon(Known k, long now) {
        return k.writtenMillis() > 0 && now - k.writtenMillis() > ttlMillis / 2;
    }

    private boolean withinHorizon(PredictionView p) {
        Duration ahead = Duration.between(Instant.parse(p.asOf()), Instant.parse(p.kickoff()));
        return !ahead.isNegative() && ahead.compareTo(horizon) <= 0;
    }

    private void run() {
        consumer.subscribe(List.of(topic));
        while (running) {
            try {
                step();
            } catch (WakeupException e) {
                // close() woke the consumer: the loop condition ends the thread
            } catch (RuntimeException e) {
                // the mirror is a side job: log, pause and go on rather than stop mirroring for good
                LOG.warn("hot-key mirror step failed; retrying in 1 s", e);
                pause(Duration.ofSeconds(1));
            }
        }
        shutDown();
    }

    private void step() {
        try {
            for (ConsumerRecord<String, Prediction> record : consumer.poll(pollTime())) {
                uncommitted = true;
                if (record.value() != null) {
                    PredictionView view = PredictionView.of(record.value());
                    if (withinHorizon(view) || tracker.isHot(view.fixtureId())) {
                        enqueue(view);
                    }
                }
            }
        } catch (RecordDeserializationException e) {
            LOG.warn("skipping an unreadable prediction at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        PredictionView hot;
        while ((hot = handedOver.poll()) != null) {
            enqueue(hot);
        }
        long now = System.currentTimeMillis();
        if (now >= nextCheckMillis) {
            checkRedis(now);
        }
        if (!backlog.isEmpty() && now >= nextAttemptMillis) {
            flush(now);
        }
        if (backlog.isEmpty() && uncommitted) {
            consumer.commitAsync();
            uncommitted = false;
        }
        metrics.mirrorBacklog(backlog.oldestWaitMillis(now), backlog.size());
        forgetExpired(now);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Duration pollTime() {
        if (backlog.isEmpty()) {
            return POLL;
        }
        long untilRetry = nextAttemptMillis - System.currentTimeMillis();
        return Duration.ofMillis(Math.max(0, Math.min(POLL.toMillis(), untilRetry)));
    }

    private void enqueue(PredictionView view) {
        try {
            queue(new MirrorEntry(view.fixtureId(), view.version(), JsonFormat.mapper().writeValueAsString(view),
                    System.currentTimeMillis()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a prediction view always serialises", e);
        }
    }

    private void queue(MirrorEntry entry) {
        backlog.offer(entry);
        known.merge(entry.fixtureId(), new Known(entry.version(), 0), (a, b) -> a.version() >= b.version() ? a : b);
    }

    /** Asks the marker whether Redis lost what was mirrored; if it did, queues again every entry Redis should still hold. */
    private void checkRedis(long now) {
        nextCheckMillis = now + CHECK_INTERVAL_MILLIS;
        switch (marker.check()) {
            case LOST -> refill(now);
            case UNKNOWN -> metrics.redisFailure("mirror_check");
            case INTACT -> { }
        }
    }

    private void refill(long now) {
        mirrored.expire(now, this::forget);
        List<MirrorEntry> entries = mirrored.entries();
        // what Redis was thought to hold is void: a hot fixture handed over meanwhile is queued, not skipped
        known.clear();
        for (MirrorEntry entry : entries) {
            // waiting from now: the lag metric then says how far the refill has got
            queue(new MirrorEntry(entry.fixtureId(), entry.version(), entry.json(), now));
        }
        if (!entries.isEmpty()) {
            LOG.warn("Redis lost the mirrored predictions (restarted, flushed or evicted): writing the {} still"
                    + " within their time to live again", entries.size());
            nextAttemptMillis = now;
            retryMillis = FIRST_RETRY_MILLIS;
        }
    }

    /** A fixture whose written entry is no longer kept: forgotten unless a newer version is queued. */
    private void forget(String fixtureId) {
        known.computeIfPresent(fixtureId, (id, k) -> k.writtenMillis() > 0 ? null : k);
    }

    private void flush(long now) {
        List<MirrorEntry> batch = backlog.next(BATCH);
        List<VersionedPredictionWriter.Outcome> outcomes = writer.write(batch);
        int written = 0;
        int keptNewer = 0;
        int failed = 0;
        for (int i = 0; i < batch.size(); i++) {
            MirrorEntry entry = batch.get(i);
            switch (outcomes.get(i)) {
                case WRITTEN -> {
                    written++;
                    backlog.done(entry);
                    mirrored.written(entry, now, this::forget);
                    knownInRedis(entry, now);
                }
                case KEPT_NEWER -> {
                    keptNewer++;
                    backlog.done(entry);
                    // Redis holds a newer version (another instance wrote it): known as written, so it is swept in time
                    knownInRedis(entry, now);
                }
                case FAILED -> failed++;
            }
        }
        metrics.mirrorWrites("written", written);
        metrics.mirrorWrites("kept_newer", keptNewer);
        if (failed > 0) {
            for (int i = 0; i < failed; i++) {
                metrics.redisFailure("mirror_write");
            }
            nextAttemptMillis = now + retryMillis;
            retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
        } else {
            retryMillis = FIRST_RETRY_MILLIS;
        }
    }

    private void knownInRedis(MirrorEntry entry, long now) {
        known.merge(entry.fixtureId(), new Known(entry.version(), now), (a, b) -> a.version() > b.version() ? a : b);
    }

    /** Forgets fixtures whose Redis entry has expired by now, so the maps only hold live ones. */
    private void forgetExpired(long now) {
        mirrored.expire(now, this::forget);
        if (now < nextSweepMillis) {
            return;
        }
        nextSweepMillis = now + Math.max(1_000, ttlMillis / 4);
        known.entrySet().removeIf(e -> e.getValue().writtenMillis() > 0 && now - e.getValue().writtenMillis() > ttlMillis);
    }

    private void shutDown() {
        try {
            if (!backlog.isEmpty()) {
                flush(System.currentTimeMillis());
            }
            if (backlog.isEmpty() && uncommitted) {
                consumer.commitSync();
            }
        } catch (RuntimeException e) {
            LOG.warn("hot-key mirror stopped with {} predictions not mirrored: {}", backlog.size(), e.getMessage());
        } finally {
            consumerMetrics.close();
            consumer.close();
        }
    }

    /** Stops the thread after one last attempt to write its backlog; waits up to 10 s. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * Stops the thread after one last attempt to write its backlog, waiting for it at most
     * {@code within} (a thread still writing then is a daemon: it does not hold the JVM).
     */
    public void close(Duration within) {
        if (!thread.isAlive()) {
            consumerMetrics.close();
            consumer.close();
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(Math.max(1, within.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
