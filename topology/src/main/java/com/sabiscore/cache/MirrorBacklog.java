package com.sabiscore.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predictions not yet in Redis, only the newest version per fixture: while Redis is down the
 * backlog grows with the number of fixtures, not of updates, and catching up writes each fixture
 * once. Oldest first. Used by the mirror thread only; not thread-safe.
 */
final class MirrorBacklog {

    private final Map<String, MirrorEntry> waiting = new LinkedHashMap<>();

    /** Keeps {@code entry} unless a newer version of its fixture is already waiting. */
    void offer(MirrorEntry entry) {
        MirrorEntry present = waiting.get(entry.fixtureId());
        if (present == null) {
            waiting.put(entry.fixtureId(), entry);
        } else if (entry.version() >= present.version()) {
            // keep the first arrival time: the lag is how long this fixture has waited
            waiting.put(entry.fixtureId(), new MirrorEntry(entry.fixtureId(), entry.version(), entry.json(),
                    present.receivedMillis()));
        }
    }

    /** Up to {@code max} entries, oldest first, left in the backlog until {@link #done}. */
    List<MirrorEntry> next(int max) {
        List<MirrorEntry> batch = new ArrayList<>(Math.min(max, waiting.size()));
        Iterator<MirrorEntry> it = waiting.values().iterator();
        while (it.hasNext() && batch.size() < max) {
            batch.add(it.next());
        }
        return batch;
    }

    /** Removes a written entry unless a newer version of its fixture arrived meanwhile. */
    void done(MirrorEntry entry) {
        MirrorEntry present = waiting.get(entry.fixtureId());
        if (present != null && present.version() == entry.version()) {
            waiting.remove(entry.fixtureId());
        }
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }

    /** How long the oldest waiting entry has waited, 0 when none waits. */
    long oldestWaitMillis(long nowMillis) {
        return waiting.isEmpty() ? 0 : Math.max(0, nowMillis - waiting.values().iterator().next().receivedMillis());
    }
}
