package com.sabiscore.feed;

import com.sabiscore.config.AppConfig;
import com.sabiscore.connect.LiveFeedConnectorConfig;
import com.sabiscore.connect.LiveFeedSourceTask;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.apache.kafka.connect.storage.StringConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the live feed connector's task ({@link LiveFeedSourceTask}) inside the app, for
 * {@code bin/sabiscore run --live}: what a Connect worker does for a source task, for this one
 * task and without a Connect cluster. A thread polls the task and hands each batch of its records
 * to a transactional producer: keys through Connect's {@link StringConverter} and values passed
 * through as bytes, the worker settings of {@code docs/connectors.md}, and the batch's source
 * offsets to {@link SourceOffsetsTopic} in the same transaction. Records and offsets are committed
 * together or not at all, so an event is published once even across a crash, and the
 * transactional id ({@code <application.id>-live-feed}) fences a second instance that follows
 * the feed too: only one publishes.
 *
 * <p>When Kafka fails (the broker away, a transaction that does not commit) the task is stopped
 * and started again from the committed offsets after a short wait; what the failed transaction
 * held is published again. {@link #close()} stops it within a few seconds, in time for the app's
 * own shutdown.
 */
public final class InProcessLiveFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessLiveFeed.class);
    /* the task gives up a poll within a second once stopped; an HTTP fetch in flight is interrupted after this */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Duration INTERRUPTED_STOP = Duration.ofSeconds(5);
    /* a failed Kafka round trip is retried soon: the stream is waiting for these events */
    private static final Duration RESTART_WAIT = Duration.ofSeconds(5);
    private static final Duration OFFSETS_POLL = Duration.ofMillis(200);
    private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(2);

    private final Properties producerProperties;
    private final Properties consumerProperties;
    private final Properties adminProperties;
    private final short replicationFactor;
    private final SourceOffsetsTopic offsets;
    private final Map<String, String> taskSettings;
    private final Clock clock;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread = new Thread(this::run, "sabiscore-live-feed");
    private volatile SourceTask running;

    private InProcessLiveFeed(AppConfig config, Map<String, String> taskSettings, Clock clock) {
        // the app's shutdown waits for the feed a few seconds (close), never for ever
        thread.setDaemon(true);
        this.producerProperties = producerProperties(config);
        this.consumerProperties = config.consumerProperties();
        this.adminProperties = config.adminProperties();
        this.replicationFactor = (short) config.replicationFactor();
        this.offsets = new SourceOffsetsTopic(config.applicationId() + "-live-feed-offsets");
        this.taskSettings = Map.copyOf(taskSettings);
        this.clock = clock;
    }

    /**
     * The live feed of {@code config}'s {@code feed.*} settings over {@code site}, into its topics;
     * not started yet.
     *
     * @param config an effective configuration: its Kafka bootstrap servers are known
     * @param clock  tells the task the time, and so the season in progress
     */
    public static InProcessLiveFeed of(AppConfig config, URI site, Clock clock) {
        Map<String, String> settings = Map.of(
                LiveFeedConnectorConfig.FEED_URL, site.toString(),
                LiveFeedConnectorConfig.DIVISIONS, String.join(",", config.liveFeed().divisions()),
                LiveFeedConnectorConfig.POLL_INTERVAL, config.liveFeed().pollInterval().toString(),
                LiveFeedConnectorConfig.FIXTURES_TOPIC, config.fixturesTopic(),
                LiveFeedConnectorConfig.RESULTS_TOPIC, config.resultsTopic(),
                LiveFeedConnectorConfig.DEAD_LETTERS_TOPIC, config.deadLettersTopic(),
                LiveFeedConnectorConfig.TOPIC_PARTITIONS, String.valueOf(config.topicPartitions()));
        new LiveFeedConnectorConfig(settings); // a bad setting fails here, not on the feed's thread
        return new InProcessLiveFeed(config, settings, clock);
    }

    /** The compacted topic the feed's source offsets live in. */
    public String offsetsTopic() {
        return offsets.name();
    }

    /** Starts following the site on a thread of its own. */
    public void start() {
        thread.start();
    }

    /** Stops the task and waits for its thread; an HTTP fetch still running after a short grace is interrupted. */
    @Override
    public void close() {
        closing.countDown();
        SourceTask task = running;
        if (task != null) {
            task.stop();
        }
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(STOP_GRACE.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(INTERRUPTED_STOP.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the live feed did not stop within {} s", STOP_GRACE.plus(INTERRUPTED_STOP).toSeconds());
        }
    }

    private void run() {
        while (closing.getCount() > 0) {
            try {
                runTask();
            } catch (ProducerFencedException e) {
                LOG.error("Another instance follows the live feed with the same application id: this one stops publishing it");
                return;
            } catch (InterruptedException | InterruptException e) {
                return;
            } catch (KafkaException e) {
                LOG.warn("The live feed failed ({}); restarting it from its committed offsets in {} s", e.toString(),
                        RESTART_WAIT.toSeconds());
                try {
                    if (closing.await(RESTART_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException stop) {
                    return;
                }
            } catch (RuntimeException e) {
                // a bug, not a failure of Kafka: starting again would only fail again
                LOG.error("The live feed stopped; the app keeps serving without it", e);
                return;
            }
        }
    }

    /** One run of the task: from the committed offsets until the feed closes or Kafka fails. */
    private void runTask() throws InterruptedException {
        try (Admin admin = Admin.create(adminProperties)) {
            offsets.create(admin, replicationFactor);
        }
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties);
        try (Metrics metrics = new Metrics()) {
            // first, so that a transaction a crash left open is aborted before the offsets are read
            producer.initTransactions();
            offsets.read(consumerProperties, OFFSETS_POLL);
            LiveFeedSourceTask task = new LiveFeedSourceTask(clock);
            task.initialize(new TaskContext(taskSettings, offsets,
                    new PluginMetricsImpl(metrics, Map.of("connector", "live-feed", "task", "0"))));
            running = task;
            if (closing.getCount() == 0) {
                return;
            }
            task.start(taskSettings);
            try {
                StringConverter keys = new StringConverter();
                keys.configure(Map.of(), true);
                while (closing.getCount() > 0) {
                    List<SourceRecord> records = task.poll();
                    if (records != null && !records.isEmpty()) {
                        publish(producer, keys, records);
                        task.commit();
                    }
                }
            } finally {
                running = null;
                task.stop();
            }
        } finally {
            // bounded: with the broker gone, the default close would wait for undeliverable records
            producer.close(PRODUCER_CLOSE);
        }
    }

    private void publish(Producer<byte[], byte[]> producer, StringConverter keys, List<SourceRecord> records) {
        Map<Map<String, ?>, Map<String, ?>> latest = new LinkedHashMap<>();
        producer.beginTransaction();
        for (SourceRecord record : records) {
            producer.send(new ProducerRecord<>(record.topic(), record.kafkaPartition(), record.timestamp(),
                    keys.fromConnectData(record.topic(), record.keySchema(), record.key()), valueBytes(record)));
            latest.put(record.sourcePartition(), record.sourceOffset());
        }
        offsets.send(producer, latest);
        producer.commitTransaction();
        offsets.committed(latest);
        LOG.debug("Published {} live feed events", records.size());
    }

    /** What Connect's ByteArrayConverter does: the task's values are already the events' bytes. */
    private static byte[] valueBytes(SourceRecord record) {
        if (record.value() == null || record.value() instanceof byte[]) {
            return (byte[]) record.value();
        }
        throw new DataException("the live feed task sent a " + record.value().getClass().getName() + " value, not bytes");
    }

    /** The app's producer settings with byte keys and values, each record's own partition, and a transaction. */
    private static Properties producerProperties(AppConfig config) {
        Properties props = config.producerProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // the fixtures and results name their partition; dead letters go where Kafka's default puts them
        props.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.applicationId() + "-live-feed");
        return props;
    }

    /** What a worker gives its task: the settings, the committed offsets and a place for metrics. */
    private record TaskContext(Map<String, String> configs, OffsetStorageReader offsetStorageReader, PluginMetrics pluginMetrics)
            implements SourceTaskContext {
    }
}
