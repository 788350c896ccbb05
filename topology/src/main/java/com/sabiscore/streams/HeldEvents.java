package com.sabiscore.streams;

import com.sabiscore.events.SourceOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Fixtures and results that arrived ahead of the other input topic, and how far each topic is.
 * <p>
 * Kafka orders records within a partition only: a competition's fixtures and results reach its
 * task from two partitions, and Kafka Streams merges them by timestamp on a best-effort basis
 * ({@code max.task.idle.ms}; a topic that is empty for a moment, a cold task after a restart, a
 * replay interrupted between the two topics). Processed as they come, a result ahead of the
 * fixtures would make its own fixture "already played", and a fixture ahead of the results would
 * be scored before earlier results and re-scored by each of them: a different, longer history of
 * versions than an uninterrupted run publishes. So an event waits here until the other topic's
 * stream time (the newest timestamp seen on it) reaches it, and is then handed back in timeline
 * order: by time, results before fixtures at equal instants, as in {@code MatchTimeline}.
 * <p>
 * Results always wait for the fixtures topic. Fixtures wait for the results topic only when the
 * processor asks for it (exactly-once, whose output must not depend on arrival timing; at-least-
 * once trades that for latency). When the other topic goes quiet (a live feed between match days)
 * an event is released after a wall-clock grace instead, which is the only path that can depend
 * on timing.
 * <p>
 * The stream times live in a changelogged store and each held event in its fixture's {@link
 * FixtureStatus}, so an exactly-once restart resumes with the same of both; this class keeps the
 * held events in timeline order in memory, refilled through {@link #add} after {@link #load}.
 */
final class HeldEvents {

    /** The two input topics; the order is the timeline's order at equal instants. */
    enum Kind { RESULT, FIXTURE }

    /** One held event: its time, kind, fixture, bytes, where it came from, and since when (wall clock) it waits. */
    record Held(long timestamp, Kind kind, String fixtureId, byte[] event, SourceOffset source, long heldSinceMs) {
    }

    private static final Map<Kind, String> STREAM_TIME_KEYS = Map.of(Kind.FIXTURE, "fixtures", Kind.RESULT, "results");
    private static final int TIMESTAMP_DIGITS = 19;

    private final KeyValueStore<String, Long> streamTimeStore;
    private final boolean fixturesWait;
    /* timestamp, kind, then fixture id (the timeline's order) → held event */
    private final NavigableMap<String, Held> held = new TreeMap<>();
    private final Map<Kind, Long> streamTimes = new EnumMap<>(Kind.class);
    /* wall clock of the last record of each topic: a topic still flowing will pass a held event in time */
    private final Map<Kind, Long> lastArrivalMs = new EnumMap<>(Kind.class);

    /** @param fixturesWait whether fixtures wait for the results topic (results always wait for the fixtures topic) */
    HeldEvents(KeyValueStore<String, Long> streamTimeStore, boolean fixturesWait) {
        this.streamTimeStore = streamTimeStore;
        this.fixturesWait = fixturesWait;
    }

    /**
     * Forgets what was held and reads the stream times back, after a (re)start; the processor then
     * {@link #add}s the held events its fixture statuses hold. A restored event waits its grace
     * from now: the other topic gets the same chance to catch up as before the restart.
     */
    void load(long nowMs) {
        held.clear();
        for (Kind kind : Kind.values()) {
            Long time = streamTimeStore.get(STREAM_TIME_KEYS.get(kind));
            streamTimes.put(kind, time == null ? Long.MIN_VALUE : time);
            lastArrivalMs.put(kind, nowMs);
        }
    }

    /** True when an event of this kind and time must wait: the other topic has not reached it yet. */
    boolean mustWait(Kind kind, long timestamp) {
        return switch (kind) {
            case RESULT -> timestamp > streamTimes.get(Kind.FIXTURE);
            case FIXTURE -> fixturesWait && timestamp > streamTimes.get(Kind.RESULT);
        };
    }

    /** Keeps an event until {@link #arrived} or {@link #expired} hands it back. */
    void add(Held event) {
        held.put(keyOf(event.timestamp(), event.kind(), event.fixtureId()), event);
    }

    /** Forgets a held event: another copy of it takes its place. */
    void remove(long timestamp, Kind kind, String fixtureId) {
        held.remove(keyOf(timestamp, kind, fixtureId));
    }

    /**
     * A record of {@code kind} arrived: moves that topic's stream time to {@code timestamp} (it
     * never goes back) and hands back, in timeline order, every held event that is now due. Called
     * before the arriving record itself is processed, which comes after them in the timeline.
     */
    List<Held> arrived(Kind kind, long timestamp, long nowMs) {
        lastArrivalMs.put(kind, nowMs);
        if (timestamp <= streamTimes.get(kind)) {
            return List.of();
        }
        streamTimes.put(kind, timestamp);
        streamTimeStore.put(STREAM_TIME_KEYS.get(kind), timestamp);
        String lastDue = null;
        for (Map.Entry<String, Held> entry : held.entrySet()) {
            Held event = entry.getValue();
            if (mustWait(event.kind(), event.timestamp())) {
                break;
            }
            lastDue = entry.getKey();
        }
        return lastDue == null ? List.of() : release(held.headMap(lastDue, true));
    }

    /**
     * Hands back, in timeline order, the held events that waited {@code graceMs} for a topic that
     * sent nothing for as long, together with every event held before them (which keeps the
     * timeline's order): waiting longer would only delay them. While the other topic keeps
     * sending (a stream working through a backlog) it will pass every held event, however long
     * that takes on the wall clock.
     */
    List<Held> expired(long nowMs, long graceMs) {
        String lastExpired = null;
        for (Map.Entry<String, Held> entry : held.entrySet()) {
            Held event = entry.getValue();
            Kind awaited = event.kind() == Kind.RESULT ? Kind.FIXTURE : Kind.RESULT;
            if (nowMs - lastArrivalMs.get(awaited) >= graceMs && nowMs - event.heldSinceMs() >= graceMs) {
                lastExpired = entry.getKey();
            }
        }
        return lastExpired == null ? List.of() : release(held.headMap(lastExpired, true));
    }

    /* each released event is processed, and its fixture status rewritten, by the processor */
    private static List<Held> release(NavigableMap<String, Held> due) {
        List<Held> released = new ArrayList<>(due.values());
        due.clear();
        return released;
    }

    /* zero-padded, so the map's string order is the timestamps' order; then results before fixtures */
    private static String keyOf(long timestamp, Kind kind, String fixtureId) {
        String digits = Long.toString(timestamp);
        return "0".repeat(Math.max(0, TIMESTAMP_DIGITS - digits.length())) + digits + " " + kind.ordinal() + " " + fixtureId;
    }
}
