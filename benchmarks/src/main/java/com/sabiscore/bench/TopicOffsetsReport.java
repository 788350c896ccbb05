package com.sabiscore.bench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What a replay made the broker append, topic by topic: the sum of every partition's end offset,
 * which counts records and transaction markers alike (each commit of a transaction writes one
 * marker per partition it touched). Read against the events replayed, it shows where the broker's
 * appends, and the stream producer's sends, come from (inputs, changelogs, outputs, offsets).
 */
final class TopicOffsetsReport {

    private TopicOffsetsReport() {
    }

    static String of(Admin admin, long events) throws ExecutionException, InterruptedException {
        Map<String, TopicDescription> topics = admin.describeTopics(
                admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get()).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        topics.values().forEach(topic -> topic.partitions().forEach(
                partition -> ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        Map<String, Long> byTopic = new HashMap<>();
        admin.listOffsets(ends).all().get().forEach(
                (partition, end) -> byTopic.merge(partition.topic(), end.offset(), Long::sum));
        List<Map.Entry<String, Long>> sorted = byTopic.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).toList();
        StringBuilder out = new StringBuilder("log offsets appended (records and transaction markers), per event replayed:");
        long total = 0;
        for (Map.Entry<String, Long> topic : sorted) {
            total += topic.getValue();
            out.append(String.format("%n  %-70s %,10d  %5.2f", topic.getKey(), topic.getValue(), (double) topic.getValue() / events));
        }
        out.append(String.format("%n  %-70s %,10d  %5.2f", "all topics", total, (double) total / events));
        return out.toString();
    }
}
