package com.sabiscore.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the mirror has written to Redis and Redis still keeps (its time to live has not run out):
 * the newest written entry per fixture, so that a Redis that lost its data can be given all of it
 * again. Oldest write first. Bounded by the size of the JSON kept: past {@code maxChars} the oldest
 * writes, the first to expire anyway, are forgotten. Used by the mirror thread only; not thread-safe.
 */
final class MirroredEntries {

    private record Written(MirrorEntry entry, long writtenMillis) {
    }

    private final Map<String, Written> written = new LinkedHashMap<>();
    private final long ttlMillis;
    private final long maxChars;
    private long chars;

    /**
     * @param ttlMillis how long Redis keeps a written entry
     * @param maxChars  most characters of JSON kept over all entries
     */
    MirroredEntries(long ttlMillis, long maxChars) {
        this.ttlMillis = ttlMillis;
        this.maxChars = maxChars;
    }

    /**
     * Records that {@code entry} was written at {@code nowMillis}, unless a newer version of its
     * fixture was written before (Redis may have lost that one and been given this one since: the
     * newer one is what a refill must restore). Tells {@code forgotten} each fixture dropped to
     * stay within the bound.
     */
    void written(MirrorEntry entry, long nowMillis, Consumer<String> forgotten) {
        Written present = written.remove(entry.fixtureId());
        MirrorEntry newest = entry;
        if (present != null) {
            chars -= present.entry().json().length();
            if (present.entry().version() > entry.version()) {
                newest = present.entry();
            }
        }
        // a rewrite moves the fixture to the end: it expires last now
        written.put(entry.fixtureId(), new Written(newest, nowMillis));
        chars += newest.json().length();
        Iterator<Written> oldestFirst = written.values().iterator();
        while (chars > maxChars && oldestFirst.hasNext()) {
            Written oldest = oldestFirst.next();
            oldestFirst.remove();
            chars -= oldest.entry().json().length();
            forgotten.accept(oldest.entry().fixtureId());
        }
    }

    /** Drops the entries Redis no longer keeps (written a time to live ago or more), telling {@code forgotten} each. */
    void expire(long nowMillis, Consumer<String> forgotten) {
        Iterator<Written> oldestFirst = written.values().iterator();
        while (oldestFirst.hasNext()) {
            Written oldest = oldestFirst.next();
            if (nowMillis - oldest.writtenMillis() < ttlMillis) {
                return;
            }
            oldestFirst.remove();
            chars -= oldest.entry().json().length();
            forgotten.accept(oldest.entry().fixtureId());
        }
    }

    /** Every entry kept, oldest write first: after {@link #expire}, every entry Redis still keeps. */
    List<MirrorEntry> entries() {
        List<MirrorEntry> entries = new ArrayList<>(written.size());
        for (Written w : written.values()) {
            entries.add(w.entry());
        }
        return entries;
    }
}
