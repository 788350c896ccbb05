package com.sabiscore.streams;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A task's store as the serving layer reads it: read-only, and refusing every read once the store
 * is closed (its task moved to another instance, or the app is stopping), as Kafka Streams' own
 * query handles do. Cached stores refuse on their own; an in-memory store without a record cache
 * (the predictions store) would go on answering from a task this instance no longer owns.
 */
final class OpenStoreView<K, V> implements ReadOnlyKeyValueStore<K, V> {

    private final KeyValueStore<K, V> store;

    OpenStoreView(KeyValueStore<K, V> store) {
        this.store = store;
    }

    @Override
    public V get(K key) {
        return open().get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return open().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return open().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return open().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return open().reverseAll();
    }

    @Override
    public <S extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, S prefixKeySerializer) {
        return open().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return open().approximateNumEntries();
    }

    private KeyValueStore<K, V> open() {
        if (!store.isOpen()) {
            throw new InvalidStateStoreException("store " + store.name() + " is closed: its task is no longer active here");
        }
        return store;
    }
}
