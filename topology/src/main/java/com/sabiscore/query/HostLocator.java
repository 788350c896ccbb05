package com.sabiscore.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sabiscore.partitioning.CompetitionPartitioner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which app instance hosts a key or a store, from Kafka Streams' metadata. Keys are placed by
 * the partitioner the topology writes with (by competition, not by a hash of the whole key), so
 * the lookup must use that same partitioner or it would point at the wrong instance.
 *
 * <p>{@link KafkaStreams#queryMetadataForKey} holds a lock that every query and the stream
 * threads share, so under load requests queue on it (the top contended monitor in a profile of
 * {@code GET /api/v1/predictions/{id}}). Every key of a competition lives in the same place, so
 * the answer is kept per store and competition for {@code maxAge} (a Caffeine cache, its statistics
 * tagged {@code cache="placements"}), and only while the instance is RUNNING: a rebalance moves
 * keys, and while one is under way every lookup asks Kafka Streams and nothing is kept. A caller
 * that finds a key missing where the kept answer sent it checks {@link #movedSince} and asks again
 * if it did.
 */
public final class HostLocator implements Placements {

    private record StoreCompetition(String store, String competition) {
    }

    /** Far more than the stores times the competitions: only a bound against the unforeseen. */
    private static final int MAX_PLACEMENTS = 10_000;

    private final KafkaStreams streams;
    private final HostInfo self;
    private final CompetitionPartitioner partitioner;
    private final Cache<StoreCompetition, KeyQueryMetadata> placements;

    /**
     * @param self        this instance's {@code application.server}
     * @param partitioner the partitioner the topology writes the stores' changelogs with
     * @param maxAge      how long a key's placement is reused without asking Kafka Streams again
     * @param nanoClock   monotonic time in nanoseconds ({@code System::nanoTime} in the app)
     * @param registry    where the placement cache's statistics are published
     */
    public HostLocator(KafkaStreams streams, HostInfo self, CompetitionPartitioner partitioner, Duration maxAge,
                       LongSupplier nanoClock, MeterRegistry registry) {
        this.streams = streams;
        this.self = self;
        this.partitioner = partitioner;
        this.placements = Caffeine.newBuilder()
                .maximumSize(MAX_PLACEMENTS)
                .expireAfterWrite(maxAge)
                .ticker(nanoClock::getAsLong)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, placements, "placements");
    }

    @Override
    public HostInfo self() {
        return self;
    }

    @Override
    public Optional<KeyQueryMetadata> hostsOf(String store, String key) {
        StoreCompetition wanted = new StoreCompetition(store, CompetitionPartitioner.competitionOf(key));
        if (streams.state() != KafkaStreams.State.RUNNING) {
            placements.invalidateAll();
            return fetch(store, key);
        }
        KeyQueryMetadata known = placements.getIfPresent(wanted);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<KeyQueryMetadata> fetched = fetch(store, key);
        fetched.ifPresentOrElse(metadata -> placements.put(wanted, metadata), () -> placements.invalidate(wanted));
        return fetched;
    }

    @Override
    public void forget(String store, String key) {
        placements.invalidate(new StoreCompetition(store, CompetitionPartitioner.competitionOf(key)));
    }

    @Override
    public boolean movedSince(String store, String key, Optional<KeyQueryMetadata> used) {
        forget(store, key);
        return !hostsOf(store, key).equals(used);
    }

    private Optional<KeyQueryMetadata> fetch(String store, String key) {
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

    @Override
    public List<HostInfo> instancesWith(String store) {
        try {
            return streams.streamsMetadataForStore(store).stream().map(StreamsMetadata::hostInfo).distinct().toList();
        } catch (IllegalStateException | InvalidStateStoreException e) {
            return List.of();
        }
    }
}
