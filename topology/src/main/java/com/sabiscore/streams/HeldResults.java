package com.sabiscore.streams;

import com.sabiscore.events.SourceOffset;
import com.sabiscore.match.MatchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Results that arrived before the fixtures topic reached their event time, and that time itself.
 * <p>
 * Kafka orders records within a partition only: a result can reach the task before a fixture
 * that happened earlier, even before its own fixture (producer batches of two partitions, fetch
 * timing; {@code max.task.idle.ms} is best effort). Applied at once, such a result would make its
 * own fixture "already played" and score every earlier fixture with later state. So a result is
 * held until the task's fixtures stream time (the newest fixture timestamp seen) reaches it, and
 * is then applied, in timeline order, before the fixture that moved the stream time.
 * <p>
 * Both are kept in changelogged stores, so an exactly-once restart resumes with the same held
 * results and stream time: the stream time here, each held result in its fixture's {@link
 * FixtureStatus} (written by the processor). This class keeps the held results in timeline order
 * in memory, refilled through {@link #add} after {@link #load}: the fixture path asks "is anything
 * due?" once per fixture without touching a store.
 */
final class HeldResults {

    /** One held result: what to apply, where it came from, and since when (wall clock) it waits. */
    record Held(long timestamp, MatchResult result, SourceOffset source, long heldSinceMs) {
    }

    private static final String STREAM_TIME_KEY = "fixtures";
    private static final int TIMESTAMP_DIGITS = 19;

    private final KeyValueStore<String, Long> streamTimeStore;
    /* timestamp, then fixture id (the timeline's order of results) → held result */
    private final NavigableMap<String, Held> held = new TreeMap<>();
    private long fixturesStreamTime = Long.MIN_VALUE;
    /* wall clock of the last fixture processed: fixtures still flowing will pass a held result in time */
    private long lastFixtureAtMs;

    HeldResults(KeyValueStore<String, Long> streamTimeStore) {
        this.streamTimeStore = streamTimeStore;
    }

    /**
     * Forgets what was held and reads the stream time back, after a (re)start; the processor then
     * {@link #add}s the held results its fixture statuses hold. A restored result waits its grace
     * from now: the fixtures partition gets the same chance to catch up as before the restart.
     */
    void load(long nowMs) {
        held.clear();
        lastFixtureAtMs = nowMs;
        Long streamTime = streamTimeStore.get(STREAM_TIME_KEY);
        fixturesStreamTime = streamTime == null ? Long.MIN_VALUE : streamTime;
    }

    /** True when a result of this event time must wait: the fixtures topic has not reached it yet. */
    boolean mustWait(long timestamp) {
        return timestamp > fixturesStreamTime;
    }

    /**
     * Keeps a result until {@link #fixturesReached} or {@link #expired} hands it back. The processor
     * holds at most one result per fixture (see {@code MatchEventProcessor.hold}).
     */
    void add(Held result) {
        held.put(keyOf(result.timestamp(), result.result().fixtureId().toString()), result);
    }

    /** Forgets a held result: another copy of it, with an earlier event time, takes its place. */
    void remove(long timestamp, String fixtureId) {
        held.remove(keyOf(timestamp, fixtureId));
    }

    /**
     * Moves the fixtures stream time to {@code fixtureTimestamp} (it never goes back) and hands
     * back, oldest first, every held result at or before it: results sort before fixtures at equal
     * instants, as in {@code MatchTimeline}.
     */
    List<Held> fixturesReached(long fixtureTimestamp, long nowMs) {
        lastFixtureAtMs = nowMs;
        if (fixtureTimestamp <= fixturesStreamTime) {
            return List.of();
        }
        fixturesStreamTime = fixtureTimestamp;
        streamTimeStore.put(STREAM_TIME_KEY, fixtureTimestamp);
        if (held.isEmpty() || held.firstEntry().getValue().timestamp() > fixtureTimestamp) {
            return List.of();
        }
        return release(held.headMap(keyOf(fixtureTimestamp, "\uffff"), true));
    }

    /**
     * Once no fixture has arrived for {@code graceMs}, hands back, oldest first, the held results
     * that waited that long, together with every result held before them in timeline order (which
     * keeps the results in order among themselves): the fixtures topic went quiet, so waiting
     * longer would only delay them. While fixtures keep arriving (a stream working through a
     * backlog), they will pass every held result, however long that takes on the wall clock.
     */
    List<Held> expired(long nowMs, long graceMs) {
        if (nowMs - lastFixtureAtMs < graceMs) {
            return List.of();
        }
        String lastExpired = null;
        for (Map.Entry<String, Held> entry : held.entrySet()) {
            if (nowMs - entry.getValue().heldSinceMs() >= graceMs) {
                lastExpired = entry.getKey();
            }
        }
        return lastExpired == null ? List.of() : release(held.headMap(lastExpired, true));
    }

    /* each released result is applied, and its fixture status rewritten, by the processor */
    private static List<Held> release(NavigableMap<String, Held> due) {
        List<Held> released = new ArrayList<>(due.values());
        due.clear();
        return released;
    }

    /* zero-padded, so the map's string order is the timestamps' order */
    private static String keyOf(long timestamp, String fixtureId) {
        String digits = Long.toString(timestamp);
        return "0".repeat(TIMESTAMP_DIGITS - digits.length()) + digits + " " + fixtureId;
    }
}
