package com.sabiscore.bench;

import com.sabiscore.events.Prediction;
import com.sabiscore.serde.EventSerdes;
import com.sabiscore.streams.PipelineObserver;
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
 * That time is also split where the stream thread emits the prediction ({@link #emissions}): from
 * the send to the emission (producer, broker, the stream's fetch, waiting and processing) and from
 * the emission to visibility (the stream's producer, broker, commit, this consumer's fetch).
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
    /** When the stream thread emitted each fixture's first prediction. */
    private final Map<String, Long> emittedNanos = new ConcurrentHashMap<>();
    private final Histogram toEmissionMicros = new Histogram(3);
    private final Histogram emissionToVisibleMicros = new Histogram(3);
    private volatile long predictionsRead;
    private volatile long fixturesPredicted;
    private volatile long lastNewFixtureNanos;
    private volatile long warmUpDoneNanos;
    private volatile long quietNanos = -1;

    /**
     * @param warmUpFixtures the first fixtures predicted are left out of the latency histogram:
     *                       they pay for JIT compilation, the first transactions and the group join
     * @param overrides      consumer properties on top
     */
    CommittedPredictionWatcher(String bootstrapServers, String topic, int partitions, long expectedFixtures, long warmUpFixtures,
                               Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // what a downstream consumer may act on: only committed transactions
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(overrides);
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

    /** What the topology reports to: the first emission of each fixture's prediction (written by the stream thread). */
    PipelineObserver emissions() {
        return new PipelineObserver() {
            @Override
            public void predictionEmitted(Prediction prediction) {
                emittedNanos.putIfAbsent(prediction.getFixtureId(), System.nanoTime());
            }
        };
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
                        latencyMicros.recordValue(micros(now - sent));
                        Long emitted = emittedNanos.get(record.key());
                        if (emitted != null) {
                            toEmissionMicros.recordValue(micros(emitted - sent));
                            emissionToVisibleMicros.recordValue(micros(now - emitted));
                        }
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

    private static long micros(long nanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
    }

    /** Call after {@link #run} has returned. */
    String latencySummary() {
        return percentiles("event->prediction latency", latencyMicros)
                + "\n" + percentiles("  of which send->emitted by the stream thread", toEmissionMicros)
                + "\n" + percentiles("  and emitted->visible to the consumer", emissionToVisibleMicros);
    }

    private static String percentiles(String what, Histogram micros) {
        return String.format("%s (ms): p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (n=%d)", what,
                micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(90) / 1e3,
                micros.getValueAtPercentile(99) / 1e3, micros.getValueAtPercentile(99.9) / 1e3,
                micros.getMaxValue() / 1e3, micros.getTotalCount());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
