package com.sabiscore.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What a Connect worker gives a source task, in memory: the committed source offsets and the
 * plugin metrics. Offsets are stored through the worker's own JSON format, so a task reads them
 * back exactly as it would from a real offset store (integers come back as longs).
 */
final class InMemoryTaskContext implements SourceTaskContext, OffsetStorageReader {

    private final Map<Map<String, ?>, byte[]> committed;
    private final JsonConverter offsetFormat = new JsonConverter();
    private final Metrics metrics = new Metrics();
    private final PluginMetricsImpl pluginMetrics = new PluginMetricsImpl(metrics, Map.of("connector", "feed", "task", "0"));

    InMemoryTaskContext() {
        this(new HashMap<>());
    }

    private InMemoryTaskContext(Map<Map<String, ?>, byte[]> committed) {
        this.committed = committed;
        offsetFormat.configure(Map.of("schemas.enable", "false"), false);
    }

    /** The context of the task the worker starts after a restart: the same committed offsets, new metrics. */
    InMemoryTaskContext restart() {
        return new InMemoryTaskContext(committed);
    }

    /** Commits the offsets of records the worker has sent: the last one of each source partition wins. */
    void commit(List<SourceRecord> sent) {
        for (SourceRecord record : sent) {
            committed.put(record.sourcePartition(), offsetFormat.fromConnectData("offsets", null, record.sourceOffset()));
        }
    }

    /** The current value of one of the task's metrics. */
    Object metric(String name) {
        MetricName metricName = pluginMetrics.metricName(name, "", new LinkedHashMap<>());
        return metrics.metric(metricName).metricValue();
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return this;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        byte[] stored = committed.get(partition);
        return stored == null ? null : (Map<String, Object>) offsetFormat.toConnectData("offsets", stored).value();
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            Map<String, Object> offset = offset(partition);
            if (offset != null) {
                found.put(partition, offset);
            }
        }
        return found;
    }
}
