package com.sabiscore.connect;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one task of {@link FootballDataSourceConnector}. Each poll sends the files' unsent events,
 * file by file in name order ({@code D1/...} before {@code E0/...}, a division's seasons oldest
 * first), at most {@code batch.size} records, and re-reads the files that changed. Every
 * {@code poll.interval.ms} it also lists the folder again, for new files.
 *
 * <p>Delivery is at least once: after a crash the worker re-sends the records whose offsets it
 * had not committed. That is harmless downstream: the stream keys fixtures by id and applies a
 * result to the ratings only once per fixture, so a repeated event changes nothing.
 */
public final class FootballDataSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(FootballDataSourceTask.class);
    private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);

    private final FeedProblems problems = new FeedProblems();
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** By name: the order files are published in. */
    private final TreeMap<String, FeedFile> files = new TreeMap<>();
    private FootballDataConnectorConfig config;
    private FeedFolder folder;
    private EventRecords records;
    private long nextScanNanos;

    @Override
    public String version() {
        return SingleTaskSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new FootballDataConnectorConfig(props);
        folder = new FeedFolder(config.feedDir(), config.divisions());
        records = new EventRecords(config);
        nextScanNanos = System.nanoTime();
        PluginMetrics metrics = context.pluginMetrics();
        addGauge(metrics, "malformed-rows", "rows of the feed skipped because they cannot be read", problems::malformedRows);
        addGauge(metrics, "unreadable-files", "times a feed file could not be read at all", problems::unreadableFiles);
        LOG.info("Publishing football-data files under {} to {} and {} ({} partitions)",
                folder.root(), config.fixturesTopic(), config.resultsTopic(), config.topicPartitions());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (System.nanoTime() - nextScanNanos >= 0) {
            scanFolder();
            nextScanNanos = System.nanoTime() + config.pollInterval().toNanos();
        }
        List<SourceRecord> batch = new ArrayList<>();
        for (FeedFile file : files.values()) {
            file.refresh();
            file.sendInto(batch, config.batchSize(), records);
            if (batch.size() >= config.batchSize()) {
                break;
            }
        }
        if (batch.isEmpty()) {
            // Nothing new: wait for the next look at the folder, but never long. Connect 4.x calls
            // stop() only after poll() returns and gives a stopping task 5 s by default; older
            // workers call stop() from another thread, which ends the wait at once.
            long untilNextScan = Math.max(0, nextScanNanos - System.nanoTime());
            stopping.await(Math.min(untilNextScan, MAX_IDLE_WAIT.toNanos()), TimeUnit.NANOSECONDS);
            return null;
        }
        return batch;
    }

    @Override
    public void stop() {
        stopping.countDown();
    }

    /** Follows the folder: new files join with their committed offsets, vanished files leave. */
    private void scanFolder() {
        TreeMap<String, Path> found;
        try {
            found = folder.seasonFiles();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot list the feed folder {}, trying again in {} ms: {}",
                    folder.root(), config.pollInterval().toMillis(), e.toString());
            return;
        }
        files.keySet().retainAll(found.keySet());
        List<Map<String, String>> newPartitions = found.keySet().stream()
                .filter(name -> !files.containsKey(name))
                .map(FeedFile::sourcePartition)
                .toList();
        if (newPartitions.isEmpty()) {
            return;
        }
        Map<Map<String, String>, Map<String, Object>> committed = context.offsetStorageReader().offsets(newPartitions);
        for (Map<String, String> partition : newPartitions) {
            String name = partition.get(FeedFile.FILE);
            files.put(name, new FeedFile(found.get(name), name, committed.get(partition),
                    config.fixtureLead(), problems));
        }
        LOG.info("Following {} feed files ({} new)", files.size(), newPartitions.size());
    }

    private static void addGauge(PluginMetrics metrics, String name, String description, Supplier<Long> value) {
        metrics.addMetric(metrics.metricName(name, description, new LinkedHashMap<>()),
                (Gauge<Long>) (metricConfig, now) -> value.get());
    }
}
