package com.sabiscore.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * This instance's store copies as a test fills them, one sorted map per store (partitions are not
 * told apart). The copies can be closed, as a rebalance closes them, for good or for a number of
 * reads. Counts the reads made. The active copies here are open unless the test says they are
 * still restoring.
 */
final class InMemoryStoreCopies implements StoreCopies {

    private final Map<String, TreeMap<String, Object>> stores = new HashMap<>();
    private int closedForReads;
    private boolean restoring;
    /** Reads made so far, closed ones included. */
    int reads;

    InMemoryStoreCopies put(String store, String key, Object value) {
        stores.computeIfAbsent(store, name -> new TreeMap<>()).put(key, value);
        return this;
    }

    /** Every copy is closed until {@link #open()}. */
    void close() {
        closedForReads = Integer.MAX_VALUE;
    }

    /** The next {@code count} reads find the copies closed, the reads after them open. */
    void closeFor(int count) {
        closedForReads = count;
    }

    void open() {
        closedForReads = 0;
    }

    /** The active copies here are readable but still restoring from their changelogs, as after a partition moved here. */
    void restoring() {
        restoring = true;
    }

    @Override
    public boolean activeCopyOpen(int partition) {
        return !restoring;
    }

    @Override
    public Optional<Object> get(String store, String key, int partition) {
        return getFromAnyCopy(store, key);
    }

    @Override
    public Optional<Object> getFromAnyCopy(String store, String key) {
        read(store);
        return Optional.ofNullable(stores.getOrDefault(store, new TreeMap<>()).get(key));
    }

    @Override
    public List<KeyValue<String, Object>> range(String store, String from, String to) {
        read(store);
        List<KeyValue<String, Object>> entries = new ArrayList<>();
        stores.getOrDefault(store, new TreeMap<>()).subMap(from, true, to, true)
                .forEach((key, value) -> entries.add(KeyValue.pair(key, value)));
        return entries;
    }

    private void read(String store) {
        reads++;
        if (closedForReads > 0) {
            if (closedForReads != Integer.MAX_VALUE) {
                closedForReads--;
            }
            throw new InvalidStateStoreException("the local copy of " + store + " is closed");
        }
    }
}
