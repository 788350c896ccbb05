package com.sabiscore.query;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which app instance hosts a key or a store, from Kafka Streams' metadata. Keys are placed by
 * the partitioner the topology writes with (by competition, not by a hash of the whole key), so
 * the lookup must use that same partitioner or it would point at the wrong instance.
 */
public final class HostLocator {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final StreamPartitioner<String, Object> partitioner;

    /**
     * @param self        this instance's {@code application.server}
     * @param partitioner the partitioner the topology writes the stores' changelogs with
     */
    public HostLocator(KafkaStreams streams, HostInfo self, StreamPartitioner<String, Object> partitioner) {
        this.streams = streams;
        this.self = self;
        this.partitioner = partitioner;
    }

    public HostInfo self() {
        return self;
    }

    /** Where {@code key} of {@code store} lives; empty while the metadata is unknown (e.g. mid-rebalance). */
    public Optional<KeyQueryMetadata> hostsOf(String store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, partitioner);
        } catch (IllegalStateException | InvalidStateStoreException e) {
            // the instance is not started yet or is shutting down: no metadata
            return Optional.empty();
        }
        if (metadata == null || metadata.partition() < 0 || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return Optional.empty();
        }
        return Optional.of(metadata);
    }

    /** Every instance that hosts a copy (active or standby) of some partition of {@code store}. */
    public List<HostInfo> instancesWith(String store) {
        try {
            return streams.streamsMetadataForStore(store).stream().map(StreamsMetadata::hostInfo).distinct().toList();
        } catch (IllegalStateException | InvalidStateStoreException e) {
            return List.of();
        }
    }

    /** {@code host:port}, the form instances are named by in answers. */
    public static String nameOf(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
