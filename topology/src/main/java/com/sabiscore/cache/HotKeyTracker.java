package com.sabiscore.cache;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Counts lookups per fixture in fixed windows and says which fixtures are hot: looked up more
 * than {@code threshold} times in the current window or in the one before it (so a fixture stays
 * hot for a window after its burst). Windows start at a fixture's first lookup. Fixtures idle for
 * two windows are forgotten. Thread-safe and cheap: one map update per lookup.
 */
public final class HotKeyTracker {

    private static final class Counts {
        long windowStartNanos;
        int current;
        int previous;

        Counts(long now) {
            windowStartNanos = now;
        }
    }

    private final int threshold;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Counts> counts = new ConcurrentHashMap<>();
    private volatile long nextSweepNanos;

    /**
     * @param threshold lookups in a window above which a fixture is hot
     * @param window    the counting window
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} in the app)
     */
    public HotKeyTracker(int threshold, Duration window, LongSupplier nanoClock) {
        this.threshold = threshold;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.nextSweepNanos = nanoClock.getAsLong() + 2 * windowNanos;
    }

    /** Counts a lookup of {@code fixtureId}; answers whether the fixture is hot after it. */
    public boolean lookedUp(String fixtureId) {
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        boolean[] hot = new boolean[1];
        counts.compute(fixtureId, (id, c) -> {
            Counts updated = c == null ? new Counts(now) : roll(c, now);
            updated.current++;
            hot[0] = isHot(updated);
            return updated;
        });
        return hot[0];
    }

    /** Whether {@code fixtureId} is hot now, without counting a lookup. */
    public boolean isHot(String fixtureId) {
        long now = nanoClock.getAsLong();
        boolean[] hot = new boolean[1];
        counts.computeIfPresent(fixtureId, (id, c) -> {
            Counts rolled = roll(c, now);
            hot[0] = isHot(rolled);
            return rolled;
        });
        return hot[0];
    }

    private boolean isHot(Counts c) {
        return c.current > threshold || c.previous > threshold;
    }

    private Counts roll(Counts c, long now) {
        long windows = (now - c.windowStartNanos) / windowNanos;
        if (windows >= 1) {
            c.previous = windows == 1 ? c.current : 0;
            c.current = 0;
            c.windowStartNanos += windows * windowNanos;
        }
        return c;
    }

    private void sweepIfDue(long now) {
        if (now < nextSweepNanos) {
            return;
        }
        nextSweepNanos = now + windowNanos;
        counts.entrySet().removeIf(e -> now - e.getValue().windowStartNanos >= 2 * windowNanos);
    }
}
