package com.sabiscore.query;

import com.sabiscore.events.Prediction;
import com.sabiscore.features.LeagueState;
import com.sabiscore.features.StateCodec;
import com.sabiscore.features.TeamState;
import com.sabiscore.features.TeamStateSource;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Answers queries on the topology's state stores wherever the key lives, for the HTTP routes:
 * from this instance's own copies ({@link LocalReads}), else from the instance that hosts the key
 * ({@link ForwardingReads}, which also falls back to standby copies, flagged stale, and waits out a
 * rebalance), and a competition's range from every instance ({@link CompetitionRanges}). A
 * fixture's prediction that this instance has served before is answered again at once, flagged
 * stale, when no copy of its store is readable. Thread-safe.
 */
public final class PredictionQueryService {

    private final LocalReads local;
    private final ForwardingReads forwarding;
    private final CompetitionRanges ranges;

    public PredictionQueryService(LocalReads local, ForwardingReads forwarding, CompetitionRanges ranges) {
        this.local = local;
        this.forwarding = forwarding;
        this.ranges = ranges;
    }

    /**
     * The latest prediction of a fixture. When no copy of its store can be read (a rebalance has
     * closed them all for a moment) the prediction this instance last served for the fixture is
     * answered at once, flagged stale.
     *
     * @throws NotFoundException    no prediction exists for the fixture
     * @throws UnavailableException no copy of its store can be read now, and the fixture was not asked for before
     */
    public Served<PredictionView> prediction(String fixtureId) {
        Optional<Served<PredictionView>> known = local.lastServed(fixtureId);
        Served<Prediction> served;
        try {
            // with an answer to fall back on, a rebalance is not waited for
            served = known.isPresent()
                    ? forwarding.readWithoutWaiting(QueryableStore.PREDICTIONS, fixtureId)
                    : forwarding.read(QueryableStore.PREDICTIONS, fixtureId);
        } catch (UnavailableException e) {
            Served<PredictionView> last = known.orElseThrow(() -> e);
            return new Served<>(last.value(), last.servedBy(), true);
        }
        return local.remember(new Served<>(PredictionView.of(served.value()), served.servedBy(), served.stale()));
    }

    /**
     * The latest prediction of a fixture when this instance can answer it at once, without
     * blocking: it is RUNNING, hosts the fixture's active copy, and that copy holds the fixture.
     * Empty otherwise ({@link #prediction} then answers, possibly forwarding or waiting out a
     * rebalance): the caller on an event loop hands those to a thread that may block.
     */
    public Optional<Served<PredictionView>> predictionIfLocal(String fixtureId) {
        try {
            return local.activeCopyPrediction(fixtureId);
        } catch (NotLocalException e) {
            return Optional.empty();
        }
    }

    /**
     * The latest prediction of a fixture from this instance's active copy, read without blocking
     * (for an event loop); empty when the copy holds none, which is authoritative.
     *
     * @throws NotLocalException this instance is not RUNNING with the fixture's active copy readable here
     */
    public Optional<Served<PredictionView>> activeCopyPrediction(String fixtureId) {
        return local.activeCopyPrediction(fixtureId);
    }

    /**
     * A club's state in a competition from this instance's active copy, read without blocking.
     *
     * @throws NotLocalException this instance is not RUNNING with the competition's active copy readable here
     */
    public Optional<TeamState> activeCopyTeamState(String competition, String team) {
        return local.activeCopyTeamState(competition, team);
    }

    /**
     * A competition's league-wide state from this instance's active copy, read without blocking.
     *
     * @throws NotLocalException this instance is not RUNNING with the competition's active copy readable here
     */
    public Optional<LeagueState> activeCopyLeagueState(String competition) {
        return local.activeCopyLeagueState(competition);
    }

    /**
     * Whether this instance is RUNNING and hosts the active copy of the fixture's competition
     * (and so of its prediction, its teams' state and its league's state: all are placed by competition).
     */
    public boolean hostsActiveCopy(String fixtureId) {
        return local.hostsActiveCopy(fixtureId);
    }

    /**
     * A club's state in a competition.
     *
     * @throws NotFoundException    the club has no state there
     * @throws UnavailableException no copy of the store can be read now
     */
    public Served<TeamState> teamState(String competition, String team) {
        Served<byte[]> served = forwarding.read(QueryableStore.TEAM_STATE, TeamStateSource.teamKey(competition, team));
        return new Served<>(StateCodec.decodeTeam(served.value()), served.servedBy(), served.stale());
    }

    /**
     * A competition's league-wide state.
     *
     * @throws NotFoundException    no result of the competition has been seen
     * @throws UnavailableException no copy of the store can be read now
     */
    public Served<LeagueState> leagueState(String competition) {
        Served<byte[]> served = forwarding.read(QueryableStore.LEAGUE_STATE, competition);
        return new Served<>(StateCodec.decodeLeague(served.value()), served.servedBy(), served.stale());
    }

    /**
     * Every prediction of {@code competition} whose fixture date (the date in the fixture id, the
     * local match date) lies in {@code [from, to]}, gathered from every instance hosting the store.
     * Instances that do not answer are listed, not fatal.
     */
    public CompetitionPredictions predictions(String competition, LocalDate from, LocalDate to) {
        return ranges.predictions(competition, from, to);
    }

    /**
     * What this instance's own store copies hold for a competition (for the internal route).
     *
     * @throws UnavailableException no local copy of the store is readable now
     */
    public LocalRange localPredictions(String competition, LocalDate from, LocalDate to) {
        return local.predictions(competition, from, to);
    }

    /**
     * The bytes this instance's copy holds for a key (for the internal route), stale unless this
     * instance is RUNNING and hosts the key's active copy.
     *
     * @throws NotFoundException    the local copy does not hold the key ({@link #isLocalCopyStale} says how sure that is)
     * @throws UnavailableException no local copy of the store is readable now
     */
    public Served<byte[]> localValue(QueryableStore<?> store, String key) {
        return local.value(store, key);
    }

    /** Whether this instance's copy of a key may be behind: it is not the active host, or it is not RUNNING. */
    public boolean isLocalCopyStale(QueryableStore<?> store, String key) {
        return local.isStale(store, key);
    }
}
