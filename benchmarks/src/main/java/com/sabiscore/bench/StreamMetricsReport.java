package com.sabiscore.bench;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the stream thread did during a replay benchmark, from Kafka Streams' own metrics: how many
 * records it processed (printed with the progress lines, so a lagging stream shows as such) and,
 * at the end, where its time went (processing, polling, committing; under EOS the producer's
 * flush and transaction round trips).
 */
final class StreamMetricsReport {

    /** Thread-level totals and averages (group stream-thread-metrics). */
    private static final List<String> THREAD_METRICS = List.of(
            "process-total", "process-latency-avg", "poll-total", "poll-latency-avg", "poll-records-avg",
            "commit-total", "commit-latency-avg", "commit-latency-max", "blocked-time-ns-total");
    /** The stream thread's producer (group producer-metrics). */
    private static final List<String> PRODUCER_METRICS = List.of(
            "flush-time-ns-total", "txn-commit-time-ns-total", "txn-send-offsets-time-ns-total", "txn-begin-time-ns-total",
            "record-send-total", "batch-size-avg", "records-per-request-avg", "request-latency-avg", "produce-throttle-time-avg");

    private final KafkaStreams streams;

    StreamMetricsReport(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Records the stream threads have processed so far. */
    long processed() {
        return (long) sum(name -> name.group().equals("stream-thread-metrics") && name.name().equals("process-total"));
    }

    /** One line per metric, summed over threads (averages are per thread, so read them with one thread). */
    String summary() {
        StringBuilder out = new StringBuilder("stream thread metrics:");
        for (String metric : THREAD_METRICS) {
            out.append(String.format("%n  %-32s %,.1f", metric,
                    sum(name -> name.group().equals("stream-thread-metrics") && name.name().equals(metric))));
        }
        // task-level, recorded only with metrics.recording.level=DEBUG: records processed out of timestamp order
        // because max.task.idle.ms ran out while the other input topic had nothing buffered
        out.append(String.format("%n  %-32s %,.1f (needs --streams metrics.recording.level=DEBUG)", "enforced-processing-total",
                sum(name -> name.group().equals("stream-task-metrics") && name.name().equals("enforced-processing-total"))));
        out.append(System.lineSeparator()).append(producerSummary("stream producer metrics:", streams.metrics()));
        return out.toString();
    }

    /** The producer metrics above, from any client's metrics. */
    static String producerSummary(String title, Map<MetricName, ? extends Metric> metrics) {
        StringBuilder out = new StringBuilder(title);
        for (String metric : PRODUCER_METRICS) {
            out.append(String.format("%n  %-32s %,.1f", metric,
                    sum(metrics, name -> name.group().equals("producer-metrics") && name.name().equals(metric))));
        }
        return out.toString();
    }

    private double sum(Predicate<MetricName> which) {
        return sum(streams.metrics(), which);
    }

    private static double sum(Map<MetricName, ? extends Metric> metrics, Predicate<MetricName> which) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            if (which.test(entry.getKey()) && entry.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                total += value;
            }
        }
        return total;
    }
}
