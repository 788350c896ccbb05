package com.sabiscore.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's copies of the state stores, active or standby. Stale stores are enabled
 * on purpose: during a rebalance or restore the local copy still answers (flagged stale by the
 * caller) instead of failing.
 *
 * <p>A read of one partition goes to its active task's stores when that task runs here
 * ({@link ActiveCopies}), else through an interactive-query handle. Handles are kept: a handle
 * looks its underlying store up on every read, so it stays valid across rebalances and only costs
 * a lookup when first asked for. Every read throws {@link InvalidStateStoreException} when the copy
 * asked for is not readable here now.
 */
public final class LocalStores implements StoreCopies {

    /** Marks a handle over every local partition of a store. */
    private static final int ALL_PARTITIONS = -1;

    private record Handle(String store, int partition) {
    }

    private final KafkaStreams streams;
    private final ActiveCopies activeCopies;
    private final Map<Handle, ReadOnlyKeyValueStore<String, Object>> handles = new ConcurrentHashMap<>();

    public LocalStores(KafkaStreams streams, ActiveCopies activeCopies) {
        this.streams = streams;
        this.activeCopies = activeCopies;
    }

    @Override
    public Optional<Object> get(String store, String key, int partition) {
        Optional<Optional<Object>> active = activeCopies.get(store, key, partition);
        if (active.isPresent()) {
            return active.get();
        }
        return Optional.ofNullable(handle(store, partition).get(key));
    }

    @Override
    public boolean activeCopyOpen(int partition) {
        return activeCopies.isOpen(partition);
    }

    @Override
    public Optional<Object> getFromAnyCopy(String store, String key) {
        return Optional.ofNullable(handle(store, ALL_PARTITIONS).get(key));
    }

    @Override
    public List<KeyValue<String, Object>> range(String store, String from, String to) {
        List<KeyValue<String, Object>> entries = new ArrayList<>();
        try (KeyValueIterator<String, Object> it = handle(store, ALL_PARTITIONS).range(from, to)) {
            it.forEachRemaining(entries::add);
        }
        return entries;
    }

    private ReadOnlyKeyValueStore<String, Object> handle(String store, int partition) {
        Handle wanted = new Handle(store, partition);
        ReadOnlyKeyValueStore<String, Object> handle = handles.get(wanted);
        if (handle == null) {
            // streams.store() itself throws while the instance is not RUNNING or REBALANCING: not cached then
            handle = streams.store(parameters(store, partition));
            handles.put(wanted, handle);
        }
        return handle;
    }

    private static StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> parameters(String store, int partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> parameters =
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore())
                        .enableStaleStores();
        return partition == ALL_PARTITIONS ? parameters : parameters.withPartition(partition);
    }
}
