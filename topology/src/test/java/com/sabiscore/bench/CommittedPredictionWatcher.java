package com.sabiscore.bench;

import com.sabiscore.events.Prediction;
import com.sabiscore.serde.EventSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The downstream side of the replay benchmark: a {@code read_committed} consumer of the
 * predictions topic that records, for each fixture, the time from its fixture event's send to
 * the moment its first prediction becomes visible here (so under EOS the commit is included).
 * Runs on its own thread; the producer thread only calls {@link #sending}.
 */
final class CommittedPredictionWatcher implements Runnable, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(20);

    private final KafkaConsumer<String, Prediction> consumer;
    private final long expectedFixtures;
    private final long warmUpFixtures;
    private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final Set<String> predicted = new HashSet<>();
    /** Highest prediction version seen per fixture: a version seen twice would be a duplicate EOS must prevent. */
    private final Map<String, Long> versions = new HashMap<>();
    private long rescores;
    private long repeatedVersions;
    /** Microseconds, auto-resizing: a saturated unpaced run can queue events for many seconds. */
    private final Histogram latencyMicros = new Histogram(3);
    private volatile long predictionsRead;
    private volatile long fixturesPredicted;
    private volatile long lastNewFixtureNanos;
    private volatile long warmUpDoneNanos;
    private volatile long quietNanos = -1;

    /**
     * @param warmUpFixtures the first fixtures predicted are left out of the latency histogram:
     *                       they pay for JIT compilation, the first transactions and the group join
     */
    CommittedPredictionWatcher(String bootstrapServers, String topic, int partitions, long expectedFixtures, long warmUpFixtures) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // what a downstream consumer may act on: only committed transactions
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), EventSerdes.prediction().deserializer());
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
        this.expectedFixtures = expectedFixtures;
        this.warmUpFixtures = warmUpFixtures;
    }

    /** Called by the producer thread just before a fixture event is sent. */
    void sending(String fixtureId) {
        sentNanos.put(fixtureId, System.nanoTime());
    }

    @Override
    public void run() {
        long lastActivity = System.nanoTime();
        while (fixturesPredicted < expectedFixtures) {
            long quiet = quietNanos;
            if (quiet >= 0 && System.nanoTime() - lastActivity > quiet) {
                return;
            }
            var records = consumer.poll(POLL);
            long now = System.nanoTime();
            for (ConsumerRecord<String, Prediction> record : records) {
                predictionsRead++;
                lastActivity = now;
                countVersion(record.key(), record.value().getVersion());
                Long sent = sentNanos.get(record.key());
                // a fixture's later versions are re-scores after results, not this fixture event's latency
                if (sent != null && predicted.add(record.key())) {
                    if (fixturesPredicted >= warmUpFixtures) {
                        latencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - sent)));
                    }
                    if (fixturesPredicted == warmUpFixtures) {
                        warmUpDoneNanos = now;
                    }
                    fixturesPredicted++;
                    lastNewFixtureNanos = now;
                }
            }
        }
    }

    private void countVersion(String fixtureId, long version) {
        Long previous = versions.put(fixtureId, version);
        if (previous != null && version <= previous) {
            repeatedVersions++;
        }
        if (version > 1) {
            rescores++;
        }
    }

    /** Call after {@link #run} has returned. */
    String versionSummary() {
        return String.format("re-scores seen (version > 1): %,d; repeated or older versions: %,d", rescores, repeatedVersions);
    }

    /** Lets {@link #run} end once every fixture is predicted, or after {@code quiet} without any prediction. */
    void awaitDone(Duration quiet) {
        quietNanos = quiet.toNanos();
    }

    /** Blocks until {@code count} fixtures have their first prediction (the run's timeout applies). */
    void awaitFixtures(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (fixturesPredicted < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + fixturesPredicted + " of " + count + " fixtures predicted after 10 minutes");
            }
            Thread.sleep(50);
        }
    }

    long fixturesPredicted() {
        return fixturesPredicted;
    }

    long predictionsRead() {
        return predictionsRead;
    }

    long lastNewFixtureNanos() {
        return lastNewFixtureNanos;
    }

    /** When the first prediction after the warm-up fixtures was seen (0 before that). */
    long warmUpDoneNanos() {
        return warmUpDoneNanos;
    }

    long warmUpFixtures() {
        return warmUpFixtures;
    }

    /** Call after {@link #run} has returned. */
    String latencySummary() {
        return String.format("event->prediction latency (ms): p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (n=%d)",
                latencyMicros.getValueAtPercentile(50) / 1e3, latencyMicros.getValueAtPercentile(90) / 1e3,
                latencyMicros.getValueAtPercentile(99) / 1e3, latencyMicros.getValueAtPercentile(99.9) / 1e3,
                latencyMicros.getMaxValue() / 1e3, latencyMicros.getTotalCount());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
