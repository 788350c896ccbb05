package com.sabiscore.match;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders history as the world saw it: each fixture becomes known {@code fixtureLead} before its
 * kick-off and its result {@link #RESULT_DELAY} after it. The backtest walks this order and the
 * replay publishes it, with these instants as record timestamps, so that the stream and the
 * backtest see exactly the same information before every kick-off.
 */
public final class MatchTimeline {

    /**
     * A match lasts about 110 minutes; the extra 30 s keep result times off the whole-minute grid
     * that kick-offs sit on, so a result never ties with a kick-off.
     */
    public static final Duration RESULT_DELAY = Duration.ofMinutes(110).plusSeconds(30);

    /** What happens at an instant of the timeline. Results sort before fixtures at equal instants. */
    public enum Kind { RESULT, FIXTURE }

    /** One step of the timeline. */
    public record Event(Instant at, Kind kind, HistoricalMatch match) {
    }

    private static final Comparator<Event> ORDER = Comparator.comparing(Event::at)
            .thenComparing(Event::kind)
            .thenComparing(e -> e.match().fixture().id().toString());

    private MatchTimeline() {
    }

    /** Every match as a fixture event at {@code kickoff - fixtureLead} and a result event after the match. */
    public static List<Event> of(List<HistoricalMatch> matches, Duration fixtureLead) {
        if (fixtureLead.isNegative()) {
            throw new IllegalArgumentException("fixture lead cannot be negative: " + fixtureLead);
        }
        List<Event> events = new ArrayList<>(matches.size() * 2);
        for (HistoricalMatch match : matches) {
            Instant kickoff = match.fixture().kickoff();
            events.add(new Event(kickoff.minus(fixtureLead), Kind.FIXTURE, match));
            events.add(new Event(kickoff.plus(RESULT_DELAY), Kind.RESULT, match));
        }
        events.sort(ORDER);
        return events;
    }
}
