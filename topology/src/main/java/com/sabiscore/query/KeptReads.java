package com.sabiscore.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values read (or derived) from this instance's active copy of a store, kept until the stream
 * writes their key again: a repeat read is answered without Kafka Streams' store lookup, which
 * walks every task of the instance on each call. The stream thread reports its writes
 * ({@link #written}) right after making them, and a task starting or stopping here
 * ({@link #forgetAll}); a read that overlaps any such report is not kept (see {@link #keep}), so a
 * kept value is never older than the store. At most {@code maxKeys} are kept in a Caffeine cache,
 * which evicts the least useful past that; its statistics are metrics tagged with the cache's
 * name. Thread-safe.
 *
 * @param <V> what is kept per key
 */
public final class KeptReads<V> {

    private final Cache<String, V> kept;
    /** Counts reported writes: a read that spans one is not kept. */
    private final AtomicLong writes = new AtomicLong();

    /** @param name the {@code cache} tag of its metrics in {@code registry} */
    public KeptReads(String name, int maxKeys, MeterRegistry registry) {
        this.kept = Caffeine.newBuilder().maximumSize(maxKeys).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, kept, name);
    }

    /** The kept value of {@code key}, or null. */
    public V get(String key) {
        return kept.getIfPresent(key);
    }

    /** To be read before reading the store, for {@link #keep}. */
    public long writes() {
        return writes.get();
    }

    /** Keeps what was read for {@code key}, unless a write was reported since {@code writesBeforeRead}; answers {@code value}. */
    public V keep(String key, V value, long writesBeforeRead) {
        kept.put(key, value);
        // a write counted before this check removes its key after it; one counted since may have been missed
        if (writes.get() != writesBeforeRead) {
            kept.asMap().remove(key, value);
        }
        return value;
    }

    /** The stream has just written {@code key}. */
    public void written(String key) {
        writes.incrementAndGet();
        kept.invalidate(key);
    }

    /** What this instance's copies hold may have changed wholesale (a task started or stopped here). */
    public void forgetAll() {
        writes.incrementAndGet();
        kept.invalidateAll();
    }
}
