package com.sabiscore.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded copy, in this JVM, of cache entries read from Redis, kept coherent by Redis'
 * server-assisted client-side caching: the connection turns {@code CLIENT TRACKING} on in
 * broadcasting mode for the cache's key prefix, and Redis pushes an {@code invalidate} message
 * (RESP3) whenever any client, this one included, changes, deletes or evicts a key under it.
 * Broadcasting rather than per-key tracking: the predict mix reads many keys that do not exist
 * yet (each miss), and per-key tracking would remember every one of them in Redis' tracking table
 * only to send the same invalidation when this instance writes it. A hit then costs a map lookup instead
 * of a round trip to Redis, and the entry is never kept past its last version in Redis. Expiry is
 * not left to those messages (Redis' active expiry may find a key late): each entry keeps the
 * time to live Redis reported with it and is dropped when it runs out.
 *
 * <p>Coherence rules:
 * <ul>
 *   <li>an entry is only taken in from a read issued while tracking is on for the connection's
 *       current server session, and only if no invalidation of that key (or a flush) and no
 *       session change happened since the read was issued: a reply that raced an invalidation
 *       is dropped, not kept;</li>
 *   <li>when the session ends (disconnect; lettuce reconnects on its own) every entry is
 *       dropped, since invalidations may have been missed, and none is taken in until tracking
 *       is on again for the new session.</li>
 * </ul>
 * This instance's own writes are echoed back too (no {@code NOLOOP}): Redis sends their
 * invalidation on the same connection after the reply of any read before them, so a value read
 * just before an overwrite cannot outlive it.
 * The entries live in a Caffeine cache bounded at {@code maxEntries}: when full, Caffeine's
 * admission policy keeps the keys read most often, which for the predict mix are the hot ones. Its
 * statistics are metrics, tagged {@code cache="near_cache"}. A Redis that refuses tracking (before 6:
 * no RESP3) leaves the near cache empty, every read going to Redis. Thread-safe.
 */
public final class NearCache implements RedisSessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(NearCache.class);
    /** Invalidation counters, one per stripe of keys: bounded memory, a false conflict once in 1,024 keys. */
    private static final int STRIPES = 1_024;
    private static final long NO_SESSION = -1;

    private final int maxEntries;
    private final String keyPrefix;
    private final Cache<String, Entry> entries;
    private final AtomicLongArray invalidations = new AtomicLongArray(STRIPES);
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong invalidationsReceived = new AtomicLong();
    /** The server session in which tracking was turned on and still holds; {@link #NO_SESSION} otherwise. */
    private volatile long trackedSession = NO_SESSION;
    private volatile boolean warnedUntracked;

    /**
     * @param maxEntries most entries kept; 0 keeps none (every read goes to Redis)
     * @param keyPrefix  every key read through this cache starts with it (Redis reports changes under it)
     * @param registry   where the cache's statistics are published
     */
    public NearCache(int maxEntries, String keyPrefix, MeterRegistry registry) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.keyPrefix = keyPrefix;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new UntilRedisExpires())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, entries, "near_cache");
    }

    /** The kept value of {@code key}, if any and still alive in Redis. */
    public Optional<String> get(String key) {
        Entry entry = entries.getIfPresent(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value);
    }

    /**
     * Taken just before a read of {@code key} is sent to Redis, and handed back to {@link #offer}
     * with its reply; {@code null} when a reply could not be kept anyway.
     */
    public Ticket ticket(String key) {
        long session = trackedSession;
        if (session == NO_SESSION || maxEntries == 0 || !key.startsWith(keyPrefix)) {
            // no ticket: the caller then skips the PTTL that only an entry to be kept needs
            return null;
        }
        return new Ticket(session, invalidations.get(stripe(key)), System.nanoTime());
    }

    /**
     * Keeps a value Redis returned for a read issued with {@code ticket}, unless it may be stale by
     * now.
     *
     * @param ttlMillis the key's time to live as Redis reported it right after the read ({@code PTTL}):
     *                  negative means none ({@code -1}) or no such key any more ({@code -2}); only
     *                  a key with a time to live is kept, every cache entry has one
     */
    public void offer(String key, String value, long ttlMillis, Ticket ticket) {
        if (ticket == null || value == null || ttlMillis <= 0 || !ticket.current(this, key)) {
            return;
        }
        entries.put(key, new Entry(value, ticket.issuedAtNanos + TimeUnit.MILLISECONDS.toNanos(ttlMillis)));
        // an invalidation or a session end may have landed between the check and the put: undo if so
        if (!ticket.current(this, key)) {
            entries.invalidate(key);
        }
    }

    /** Drops {@code key}, and makes any read of it still under way unfit to be kept. */
    private void forget(String key) {
        invalidations.incrementAndGet(stripe(key));
        entries.invalidate(key);
    }

    /** Entries kept now; one that expired within about the last second may still be counted. */
    public int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    /** Invalidation messages received from Redis so far. */
    public long invalidationsReceived() {
        return invalidationsReceived.get();
    }

    /** Whether entries are being taken in: tracking is on for the current session. */
    public boolean tracking() {
        return trackedSession != NO_SESSION;
    }

    /**
     * A new server session: turns tracking on for it. Reads issued from here on are tracked (one
     * connection's commands run in order), so the session is marked tracked right after the command
     * is sent; a refusal unmarks it before any later reply is seen.
     */
    @Override
    public void sessionStarted(StatefulRedisConnection<String, String> connection) {
        long session = sessions.incrementAndGet();
        dropAll();
        if (maxEntries == 0) {
            return;
        }
        TrackingArgs broadcastUnderPrefix = TrackingArgs.Builder.enabled().bcast().prefixes(keyPrefix);
        connection.async().clientTracking(broadcastUnderPrefix).whenComplete((ok, failure) -> {
            if (failure != null) {
                stopTracking(session);
                if (!warnedUntracked) {
                    warnedUntracked = true;
                    LOG.warn("Redis refused client tracking ({}): the near cache stays empty, every cache read goes to Redis",
                            failure.getMessage());
                }
            }
        });
        trackedSession = session;
    }

    @Override
    public void sessionEnded() {
        sessions.incrementAndGet();
        trackedSession = NO_SESSION;
        dropAll();
    }

    /** Handles Redis' push messages: {@code invalidate} with the keys, or with none for a flush. */
    @Override
    public void pushed(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        invalidationsReceived.incrementAndGet();
        List<Object> content = message.getContent();
        Object keys = content.size() > 1 ? content.get(1) : null;
        if (keys instanceof List<?> list) {
            for (Object key : list) {
                forget(decode(key));
            }
        } else {
            dropAll();
        }
    }

    private void stopTracking(long session) {
        if (trackedSession == session) {
            trackedSession = NO_SESSION;
            dropAll();
        }
    }

    /** Every entry goes, and no read issued before now may be taken in. */
    private void dropAll() {
        for (int i = 0; i < STRIPES; i++) {
            invalidations.incrementAndGet(i);
        }
        entries.invalidateAll();
    }

    private static String decode(Object key) {
        if (key instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        return String.valueOf(key);
    }

    private static int stripe(String key) {
        return (key.hashCode() & Integer.MAX_VALUE) % STRIPES;
    }

    private record Entry(String value, long expiresAtNanos) {
    }

    /** Each entry lives until the time Redis reported for it, whatever is done with it meanwhile. */
    private static final class UntilRedisExpires implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return Math.max(0, entry.expiresAtNanos - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /**
     * What was true when a read was issued: the tracked session, its key's invalidation count, and
     * the time (an entry's time to live is counted from before the read, never longer than Redis keeps it).
     */
    public record Ticket(long session, long invalidationsOfStripe, long issuedAtNanos) {

        boolean current(NearCache cache, String key) {
            return cache.trackedSession == session && cache.invalidations.get(stripe(key)) == invalidationsOfStripe;
        }
    }
}
