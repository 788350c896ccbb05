package com.sabiscore.query;

import com.sabiscore.events.Prediction;
import com.sabiscore.features.StateUpdate;
import com.sabiscore.features.TeamState;
import com.sabiscore.match.MatchResult;
import com.sabiscore.streams.PipelineObserver;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * What the web page shows beside the predictions, as the stream on this instance applies results
 * (it reports to this as one of the topology's {@link PipelineObserver}s): each competition's
 * latest results, each club's rating after each of its matches, and the event time each
 * competition's stream has reached. Kept in memory, at most {@value #RESULTS_KEPT} results per
 * competition and {@value #RATINGS_KEPT} rating points per club; it holds what was applied since
 * this instance started (a history replay on start fills it). Thread-safe.
 */
public final class MatchHistory implements PipelineObserver {

    /** Results kept per competition: a season of a 20-club league and then some. */
    static final int RESULTS_KEPT = 400;
    /** Rating points kept per club: five seasons of a 38-match league. */
    static final int RATINGS_KEPT = 190;

    /**
     * A played match.
     *
     * @param outcome {@code home_win}, {@code draw} or {@code away_win}, in the words of a recommended bet
     */
    public record FinishedMatch(String fixtureId, String competition, String homeTeam, String awayTeam, String kickoff,
                                int homeGoals, int awayGoals, String outcome) {
    }

    /**
     * A club's ratings right after one of its matches.
     *
     * @param score the match's score from the club's side, e.g. {@code 2-1} for a 2-1 win
     */
    public record RatingPoint(String fixtureId, String kickoff, String opponent, boolean atHome, String score,
                              double elo, double piHome, double piAway) {
    }

    private final ConcurrentMap<String, Bounded<FinishedMatch>> results = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Bounded<RatingPoint>> ratings = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> reached = new ConcurrentHashMap<>();

    @Override
    public void resultApplied(MatchResult result, StateUpdate update) {
        String competition = result.fixtureId().competition();
        String id = result.fixtureId().toString();
        String home = result.fixtureId().homeTeam();
        String away = result.fixtureId().awayTeam();
        String kickoff = result.kickoff().toString();
        results.computeIfAbsent(competition, c -> new Bounded<>(RESULTS_KEPT))
                .put(new FinishedMatch(id, competition, home, away, kickoff, result.homeGoals(), result.awayGoals(),
                        outcome(result.homeGoals(), result.awayGoals())), match -> match.fixtureId().equals(id));
        ratings.computeIfAbsent(teamKey(competition, home), k -> new Bounded<>(RATINGS_KEPT))
                .put(point(id, kickoff, away, true, result.homeGoals() + "-" + result.awayGoals(), update.home()),
                        p -> p.fixtureId().equals(id));
        ratings.computeIfAbsent(teamKey(competition, away), k -> new Bounded<>(RATINGS_KEPT))
                .put(point(id, kickoff, home, false, result.awayGoals() + "-" + result.homeGoals(), update.away()),
                        p -> p.fixtureId().equals(id));
        reached(competition, result.kickoff());
    }

    @Override
    public void predictionEmitted(Prediction prediction) {
        reached(prediction.getCompetition(), prediction.getAsOf());
    }

    /** The competition's latest results, newest first, at most {@code limit}. */
    public List<FinishedMatch> latestResults(String competition, int limit) {
        Bounded<FinishedMatch> kept = results.get(competition);
        if (kept == null) {
            return List.of();
        }
        List<FinishedMatch> newestFirst = kept.snapshot();
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    /** The club's rating after each of its matches, oldest first; empty when none was applied here. */
    public List<RatingPoint> ratings(String competition, String team) {
        Bounded<RatingPoint> kept = ratings.get(teamKey(competition, team));
        return kept == null ? List.of() : kept.snapshot();
    }

    /** The newest event time (a prediction's as-of, a result's kick-off) the competition's stream has reached here. */
    public Optional<Instant> reached(String competition) {
        return Optional.ofNullable(reached.get(competition));
    }

    private void reached(String competition, Instant time) {
        reached.merge(competition, time, (a, b) -> a.isAfter(b) ? a : b);
    }

    private static RatingPoint point(String id, String kickoff, String opponent, boolean atHome, String score, TeamState state) {
        return new RatingPoint(id, kickoff, opponent, atHome, score, state.elo(), state.piHome(), state.piAway());
    }

    private static String outcome(int homeGoals, int awayGoals) {
        return homeGoals > awayGoals ? "home_win" : homeGoals == awayGoals ? "draw" : "away_win";
    }

    private static String teamKey(String competition, String team) {
        return competition + ":" + team;
    }

    /** The newest entries, oldest first; an entry reported again (an aborted transaction redone) replaces its earlier copy. */
    private static final class Bounded<T> {
        private final int capacity;
        private final ArrayDeque<T> entries = new ArrayDeque<>();

        Bounded(int capacity) {
            this.capacity = capacity;
        }

        synchronized void put(T entry, Predicate<T> sameAs) {
            for (Iterator<T> each = entries.descendingIterator(); each.hasNext(); ) {
                if (sameAs.test(each.next())) {
                    each.remove();
                    break;
                }
            }
            entries.addLast(entry);
            if (entries.size() > capacity) {
                entries.removeFirst();
            }
        }

        synchronized List<T> snapshot() {
            return new ArrayList<>(entries);
        }
    }
}
