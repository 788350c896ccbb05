package com.sabiscore.partitioning;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Puts every event of one competition on one partition, so one task holds a competition's
 * fixtures, results and team ratings. The competition is the key's prefix before the first
 * {@code ':'}: fixture ids ({@code E0:2023-08-11:Burnley:Man City}), team keys
 * ({@code E0:Arsenal}) and plain competition keys ({@code E0}) of one competition all agree.
 * Partition = {@code toPositive(murmur2(competition as UTF-8)) % partitions}, Kafka's own hash.
 *
 * <p>One class for every writer: topology sinks and {@code KafkaStreams#queryMetadataForKey} use it
 * as a {@link StreamPartitioner}; producers (replay, connectors) as {@code partitioner.class}.
 */
public final class CompetitionPartitioner implements StreamPartitioner<String, Object>, Partitioner {

    /** The competition code a key belongs to. */
    public static String competitionOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    /** The partition of {@code key} among {@code numPartitions}. */
    public int partitionFor(String key, int numPartitions) {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, got " + numPartitions);
        }
        byte[] competition = competitionOf(key).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(competition)) % numPartitions;
    }

    /** A record without a key has no competition: Kafka Streams then partitions it its own way. */
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, Object value, int numPartitions) {
        return key == null ? Optional.empty() : Optional.of(Set.of(partitionFor(key, numPartitions)));
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (keyBytes == null) {
            throw new IllegalArgumentException("a record for " + topic + " has no key: its competition, and so its partition, is unknown");
        }
        String fixtureKey = key instanceof String text ? text : new String(keyBytes, StandardCharsets.UTF_8);
        return partitionFor(fixtureKey, cluster.partitionCountForTopic(topic));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the competition is always the key's prefix
    }

    @Override
    public void close() {
        // holds no resources
    }
}
