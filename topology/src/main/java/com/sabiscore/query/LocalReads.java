package com.sabiscore.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sabiscore.events.Prediction;
import com.sabiscore.features.LeagueState;
import com.sabiscore.features.StateCodec;
import com.sabiscore.features.TeamState;
import com.sabiscore.features.TeamStateSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * What this instance's own store copies answer, never asking another instance:
 * <ul>
 *   <li>the active copy's fast path: while this instance is RUNNING and hosts a competition's
 *       active copy, a prediction or team state is read without blocking (team and league state
 *       kept in {@link KeptTeamStates} until the stream writes them again);</li>
 *   <li>any local copy, active or standby, flagged stale unless it is the active copy of a RUNNING
 *       instance: the standby fallback while the active copy is away, and what the internal
 *       routes answer other instances;</li>
 *   <li>the prediction last served per fixture, the answer of last resort while no copy of its
 *       store is readable (a Caffeine cache of at most {@code lastKnownKept}, tagged
 *       {@code cache="last_known_predictions"}).</li>
 * </ul>
 * Thread-safe.
 */
public final class LocalReads {

    private final Supplier<KafkaStreams.State> state;
    private final Placements placements;
    private final StoreCopies copies;
    private final KeptTeamStates keptStates;
    private final String selfName;
    private final Cache<String, Served<PredictionView>> lastKnown;

    /**
     * @param state         the stream's state now ({@code streams::state} in the app)
     * @param copies        this instance's store copies
     * @param keptStates    team and league state kept from the active copies (the topology reports its writes to it)
     * @param lastKnownKept most fixtures whose last served prediction is remembered
     * @param registry      where the statistics of the last served predictions are published
     */
    public LocalReads(Supplier<KafkaStreams.State> state, Placements placements, StoreCopies copies, KeptTeamStates keptStates,
                      int lastKnownKept, MeterRegistry registry) {
        this.state = state;
        this.placements = placements;
        this.copies = copies;
        this.keptStates = keptStates;
        this.selfName = Placements.nameOf(placements.self());
        this.lastKnown = Caffeine.newBuilder().maximumSize(lastKnownKept).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, lastKnown, "last_known_predictions");
    }

    /** This instance's name in answers ({@code host:port}). */
    String selfName() {
        return selfName;
    }

    boolean running() {
        return state.get() == KafkaStreams.State.RUNNING;
    }

    /**
     * Whether this instance is RUNNING and hosts the active copy of the fixture's competition
     * (and so of its prediction, its teams' state and its league's state: all are placed by competition).
     */
    boolean hostsActiveCopy(String fixtureId) {
        return activeCopyHere(QueryableStore.PREDICTIONS, fixtureId).isPresent();
    }

    /**
     * The latest prediction of a fixture from this instance's active copy, read without blocking;
     * empty when the copy holds none, which is authoritative. A prediction found is remembered
     * ({@link #lastServed}).
     *
     * @throws NotLocalException this instance is not RUNNING with the fixture's active copy readable here
     */
    Optional<Served<PredictionView>> activeCopyPrediction(String fixtureId) {
        return activeCopyValue(QueryableStore.PREDICTIONS, fixtureId)
                .map(found -> remember(new Served<>(PredictionView.of(found), selfName, false)));
    }

    /**
     * A club's state in a competition from this instance's active copy, read without blocking.
     *
     * @throws NotLocalException this instance is not RUNNING with the competition's active copy readable here
     */
    Optional<TeamState> activeCopyTeamState(String competition, String team) {
        String key = TeamStateSource.teamKey(competition, team);
        return keptOrRead(keptStates.teams(), QueryableStore.TEAM_STATE, key, StateCodec::decodeTeam);
    }

    /**
     * A competition's league-wide state from this instance's active copy, read without blocking.
     *
     * @throws NotLocalException this instance is not RUNNING with the competition's active copy readable here
     */
    Optional<LeagueState> activeCopyLeagueState(String competition) {
        return keptOrRead(keptStates.leagues(), QueryableStore.LEAGUE_STATE, competition, StateCodec::decodeLeague);
    }

    /** What {@code kept} holds for the key while this instance hosts its active copy, else read from that copy and kept. */
    private <T> Optional<T> keptOrRead(KeptReads<Optional<T>> kept, QueryableStore<byte[]> store, String key,
                                       Function<byte[], T> decode) {
        if (activeCopyHere(store, key).isEmpty()) {
            throw notHere(store, key);
        }
        Optional<T> known = kept.get(key);
        if (known != null) {
            return known;
        }
        long writesBefore = kept.writes();
        return kept.keep(key, activeCopyValue(store, key).map(decode), writesBefore);
    }

    private <V> Optional<V> activeCopyValue(QueryableStore<V> store, String key) {
        Optional<KeyQueryMetadata> where = activeCopyHere(store, key);
        if (where.isEmpty()) {
            throw notHere(store, key);
        }
        try {
            @SuppressWarnings("unchecked")
            Optional<V> value = (Optional<V>) copies.get(store.name(), key, where.get().partition());
            return value;
        } catch (InvalidStateStoreException e) {
            throw new NotLocalException("the active copy of " + store.name() + " for " + key + " cannot be read now: " + e.getMessage());
        }
    }

    private static NotLocalException notHere(QueryableStore<?> store, String key) {
        return new NotLocalException("the active copy of " + store.name() + " for " + key + " is not on this running instance");
    }

    private Optional<KeyQueryMetadata> activeCopyHere(QueryableStore<?> store, String key) {
        Optional<KeyQueryMetadata> where = placements.hostsOf(store.name(), key);
        boolean here = where.isPresent() && where.get().activeHost().equals(placements.self()) && running()
                && copies.activeCopyOpen(where.get().partition());
        return here ? where : Optional.empty();
    }

    /**
     * The value this instance's copy holds for a key: the copy of the partition {@code where} names,
     * or with no metadata whichever local copy holds it.
     *
     * @throws InvalidStateStoreException no such copy is readable here now
     */
    Optional<Object> copyValue(QueryableStore<?> store, String key, Optional<KeyQueryMetadata> where) {
        return where.isPresent()
                ? copies.get(store.name(), key, where.get().partition())
                : copies.getFromAnyCopy(store.name(), key);
    }

    /**
     * Whether this instance's copy of a key placed {@code where} may be behind: it is not the active
     * host, it is not RUNNING, or the active task is still restoring (a newly assigned partition can
     * be RUNNING here before its stores hold the whole changelog).
     */
    boolean isStale(Optional<KeyQueryMetadata> where) {
        return !running() || where.isEmpty() || !where.get().activeHost().equals(placements.self())
                || !copies.activeCopyOpen(where.get().partition());
    }

    /**
     * The bytes this instance's copy holds for a key (for the internal route), stale unless this
     * instance is RUNNING and hosts the key's active copy.
     *
     * @throws NotFoundException    the local copy does not hold the key ({@link #isStale(QueryableStore, String)} says how sure that is)
     * @throws UnavailableException no local copy of the store is readable now
     */
    Served<byte[]> value(QueryableStore<?> store, String key) {
        Optional<KeyQueryMetadata> where = placements.hostsOf(store.name(), key);
        try {
            Optional<Object> value = copyValue(store, key, where);
            if (value.isEmpty()) {
                throw new NotFoundException("no " + store.name() + " entry for " + key);
            }
            return new Served<>(store.encode(value.get()), selfName, isStale(where));
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("no readable copy of " + store.name() + " for " + key + " here: " + e.getMessage());
        }
    }

    /** Whether this instance's copy of a key may be behind: it is not the active host, or it is not RUNNING. */
    boolean isStale(QueryableStore<?> store, String key) {
        return isStale(placements.hostsOf(store.name(), key));
    }

    /**
     * What this instance's own store copies hold of a competition's predictions between two dates,
     * stale while it is not RUNNING.
     *
     * @throws UnavailableException no local copy of the store is readable now
     */
    LocalRange predictions(String competition, LocalDate from, LocalDate to) {
        try {
            // ';' sorts right after ':', so this covers every id of the last date, sequence suffixes included
            List<KeyValue<String, Object>> entries = copies.range(QueryableStore.PREDICTIONS.name(),
                    competition + ":" + from, competition + ":" + to + ";");
            List<PredictionView> views = new ArrayList<>(entries.size());
            for (KeyValue<String, Object> entry : entries) {
                views.add(PredictionView.of((Prediction) entry.value));
            }
            return new LocalRange(views, selfName, !running());
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("no readable copy of " + QueryableStore.PREDICTIONS.name() + " here: " + e.getMessage());
        }
    }

    /** The prediction this instance last served for a fixture, as it was served. */
    Optional<Served<PredictionView>> lastServed(String fixtureId) {
        return Optional.ofNullable(lastKnown.getIfPresent(fixtureId));
    }

    /**
     * Remembers a prediction being served, as the fixture's answer of last resort; answers the one
     * remembered, which is the one remembered before when that is equal: the caches downstream then
     * hold one copy of a fixture's prediction however often it is read.
     */
    Served<PredictionView> remember(Served<PredictionView> served) {
        return lastKnown.asMap().merge(served.value().fixtureId(), served, (before, now) -> before.equals(now) ? before : now);
    }
}
