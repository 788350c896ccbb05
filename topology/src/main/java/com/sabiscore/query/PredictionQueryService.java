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
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers queries on the topology's state stores wherever the key lives: from this instance's
 * store when it hosts the key, else by asking the instance that does over its internal routes.
 * When the active copy cannot be read (an instance left, a rebalance is under way) it falls back
 * to standby copies and flags the answer stale rather than failing. While a task moves between
 * instances there can be a moment when no copy of its stores is open anywhere (the new active
 * copy still restoring, even once the instance reports RUNNING), so a lookup that finds no
 * readable copy tries again for a while before it gives up; a fixture's prediction that this
 * instance has served before is answered again at once instead, flagged stale. Thread-safe.
 */
public final class PredictionQueryService {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    /** Fixtures whose last served prediction is remembered: a few seasons of every league. */
    private static final int LAST_KNOWN_KEPT = 20_000;

    private final KafkaStreams streams;
    private final HostLocator locator;
    private final LocalStores local;
    private final InstanceClient instances;
    private final String selfName;
    private final Duration rebalanceWait;
    private final KeptTeamStates keptStates;
    /** The prediction last served per fixture: the answer of last resort while no store copy is readable. */
    private final Cache<String, Served<PredictionView>> lastKnown;

    /**
     * @param rebalanceWait how long a lookup may keep trying while no copy of its key is readable
     * @param keptStates    team and league state kept from the active copies (the topology reports its writes to it)
     * @param activeCopies  the stores of this instance's active tasks (the topology reports them opening and closing)
     * @param registry      where the statistics of the last served predictions' cache are published
     */
    public PredictionQueryService(KafkaStreams streams, HostLocator locator, InstanceClient instances,
                                  Duration rebalanceWait, KeptTeamStates keptStates, ActiveCopies activeCopies,
                                  MeterRegistry registry) {
        this.lastKnown = Caffeine.newBuilder().maximumSize(LAST_KNOWN_KEPT).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, lastKnown, "last_known_predictions");
        this.keptStates = keptStates;
        this.streams = streams;
        this.rebalanceWait = rebalanceWait;
        this.locator = locator;
        this.local = new LocalStores(streams, activeCopies);
        this.instances = instances;
        this.selfName = HostLocator.nameOf(locator.self());
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
        Served<PredictionView> known = lastKnown.getIfPresent(fixtureId);
        Served<Prediction> served;
        try {
            // with an answer to fall back on, a rebalance is not waited for
            served = lookup(QueryableStore.PREDICTIONS, fixtureId, known == null ? rebalanceWait : Duration.ZERO);
        } catch (UnavailableException e) {
            if (known == null) {
                throw e;
            }
            return new Served<>(known.value(), known.servedBy(), true);
        }
        return remembered(fixtureId, new Served<>(PredictionView.of(served.value()), served.servedBy(), served.stale()));
    }

    /**
     * The latest prediction of a fixture when this instance can answer it at once, without
     * blocking: it is RUNNING, hosts the fixture's active copy, and that copy holds the fixture.
     * Empty otherwise ({@link #prediction} then answers, possibly forwarding or waiting out a
     * rebalance): the caller on an event loop hands those to a thread that may block.
     */
    public Optional<Served<PredictionView>> predictionIfLocal(String fixtureId) {
        try {
            return activeCopyPrediction(fixtureId);
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
        return activeCopyValue(QueryableStore.PREDICTIONS, fixtureId)
                .map(found -> remembered(fixtureId, new Served<>(PredictionView.of(found), selfName, false)));
    }

    /**
     * A club's state in a competition from this instance's active copy, read without blocking.
     *
     * @throws NotLocalException this instance is not RUNNING with the competition's active copy readable here
     */
    public Optional<TeamState> activeCopyTeamState(String competition, String team) {
        String key = TeamStateSource.teamKey(competition, team);
        return keptOrRead(keptStates.teams(), QueryableStore.TEAM_STATE, key, StateCodec::decodeTeam);
    }

    /**
     * A competition's league-wide state from this instance's active copy, read without blocking.
     *
     * @throws NotLocalException this instance is not RUNNING with the competition's active copy readable here
     */
    public Optional<LeagueState> activeCopyLeagueState(String competition) {
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

    /**
     * Whether this instance is RUNNING and hosts the active copy of the fixture's competition
     * (and so of its prediction, its teams' state and its league's state: all are placed by competition).
     */
    public boolean hostsActiveCopy(String fixtureId) {
        return activeCopyHere(QueryableStore.PREDICTIONS, fixtureId).isPresent();
    }

    private <V> Optional<V> activeCopyValue(QueryableStore<V> store, String key) {
        Optional<KeyQueryMetadata> where = activeCopyHere(store, key);
        if (where.isEmpty()) {
            throw notHere(store, key);
        }
        try {
            @SuppressWarnings("unchecked")
            Optional<V> value = (Optional<V>) local.get(store.name(), key, where.get().partition());
            return value;
        } catch (InvalidStateStoreException e) {
            throw new NotLocalException("the active copy of " + store.name() + " for " + key + " cannot be read now: " + e.getMessage());
        }
    }

    private static NotLocalException notHere(QueryableStore<?> store, String key) {
        return new NotLocalException("the active copy of " + store.name() + " for " + key + " is not on this running instance");
    }

    private Optional<KeyQueryMetadata> activeCopyHere(QueryableStore<?> store, String key) {
        Optional<KeyQueryMetadata> where = locator.hostsOf(store.name(), key);
        boolean here = where.isPresent() && where.get().activeHost().equals(locator.self()) && running();
        return here ? where : Optional.empty();
    }

    private Served<PredictionView> remembered(String fixtureId, Served<PredictionView> view) {
        lastKnown.put(fixtureId, view);
        return view;
    }

    /**
     * A club's state in a competition.
     *
     * @throws NotFoundException    the club has no state there
     * @throws UnavailableException no copy of the store can be read now
     */
    public Served<TeamState> teamState(String competition, String team) {
        Served<byte[]> served = lookup(QueryableStore.TEAM_STATE, TeamStateSource.teamKey(competition, team));
        return new Served<>(StateCodec.decodeTeam(served.value()), served.servedBy(), served.stale());
    }

    /**
     * A competition's league-wide state.
     *
     * @throws NotFoundException    no result of the competition has been seen
     * @throws UnavailableException no copy of the store can be read now
     */
    public Served<LeagueState> leagueState(String competition) {
        Served<byte[]> served = lookup(QueryableStore.LEAGUE_STATE, competition);
        return new Served<>(StateCodec.decodeLeague(served.value()), served.servedBy(), served.stale());
    }

    /**
     * Every prediction of {@code competition} whose fixture date (the date in the fixture id, the
     * local match date) lies in {@code [from, to]}, gathered from every instance hosting the store.
     * Instances that do not answer are listed, not fatal.
     */
    public CompetitionPredictions predictions(String competition, LocalDate from, LocalDate to) {
        List<HostInfo> hosts = new ArrayList<>(locator.instancesWith(QueryableStore.PREDICTIONS.name()));
        if (!hosts.contains(locator.self())) {
            // mid-rebalance the metadata can be empty; this instance's copies still answer
            hosts.add(0, locator.self());
        }
        Map<String, PredictionView> newest = new LinkedHashMap<>();
        List<String> servedBy = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        boolean stale = false;
        for (HostInfo host : hosts) {
            Optional<LocalRange> share = host.equals(locator.self())
                    ? localPredictionsIfReadable(competition, from, to)
                    : instances.range(host, competition, from, to);
            if (share.isEmpty()) {
                unreachable.add(HostLocator.nameOf(host));
                continue;
            }
            servedBy.add(share.get().servedBy());
            stale |= share.get().stale();
            for (PredictionView p : share.get().predictions()) {
                newest.merge(p.fixtureId(), p, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        List<PredictionView> merged = new ArrayList<>(newest.values());
        merged.sort(Comparator.comparing(PredictionView::kickoff).thenComparing(PredictionView::fixtureId));
        return new CompetitionPredictions(competition, from.toString(), to.toString(), merged, servedBy, stale, unreachable);
    }

    /**
     * What this instance's own store copies hold for a competition (for the internal route).
     *
     * @throws UnavailableException no local copy of the store is readable now
     */
    public LocalRange localPredictions(String competition, LocalDate from, LocalDate to) {
        try {
            // ';' sorts right after ':', so this covers every id of the last date, sequence suffixes included
            List<KeyValue<String, Object>> entries = local.range(QueryableStore.PREDICTIONS.name(),
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

    private Optional<LocalRange> localPredictionsIfReadable(String competition, LocalDate from, LocalDate to) {
        try {
            return Optional.of(localPredictions(competition, from, to));
        } catch (UnavailableException e) {
            return Optional.empty();
        }
    }

    /**
     * The bytes this instance's copy holds for a key (for the internal route), stale unless this
     * instance is RUNNING and hosts the key's active copy.
     *
     * @throws NotFoundException    the local copy does not hold the key ({@link #isLocalCopyStale} says how sure that is)
     * @throws UnavailableException no local copy of the store is readable now
     */
    public Served<byte[]> localValue(QueryableStore<?> store, String key) {
        Optional<KeyQueryMetadata> where = locator.hostsOf(store.name(), key);
        try {
            Optional<Object> value = where.isPresent()
                    ? local.get(store.name(), key, where.get().partition())
                    : local.getFromAnyCopy(store.name(), key);
            if (value.isEmpty()) {
                throw new NotFoundException("no " + store.name() + " entry for " + key);
            }
            return new Served<>(store.encode(value.get()), selfName, isLocalCopyStale(where));
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("no readable copy of " + store.name() + " for " + key + " here: " + e.getMessage());
        }
    }

    /** Whether this instance's copy of a key may be behind: it is not the active host, or it is not RUNNING. */
    public boolean isLocalCopyStale(QueryableStore<?> store, String key) {
        return isLocalCopyStale(locator.hostsOf(store.name(), key));
    }

    private boolean isLocalCopyStale(Optional<KeyQueryMetadata> where) {
        return !running() || where.isEmpty() || !where.get().activeHost().equals(locator.self());
    }

    private boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    private <V> Served<V> lookup(QueryableStore<V> store, String key) {
        return lookup(store, key, rebalanceWait);
    }

    /** @param wait how long to keep trying while no copy of the key is readable */
    private <V> Served<V> lookup(QueryableStore<V> store, String key, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean placementChecked = false;
        while (true) {
            Optional<KeyQueryMetadata> where = locator.hostsOf(store.name(), key);
            try {
                return lookupOnce(store, key, where);
            } catch (NotFoundException e) {
                // the placement may have been kept from before a rebalance: a miss counts only where the key lives now
                if (placementChecked || !locator.movedSince(store.name(), key, where)) {
                    throw e;
                }
                placementChecked = true;
            } catch (UnavailableException e) {
                if (!streams.state().isRunningOrRebalancing() || System.nanoTime() > deadline) {
                    throw e;
                }
                locator.forget(store.name(), key);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for a rebalance");
        }
    }

    /**
     * Tries the copies of a key in order: the active copy, then standbys; with no metadata, this
     * instance and then every instance hosting the store. The active copy of a RUNNING instance is
     * authoritative about a missing key; a stale copy that lacks it is not, so the next is asked.
     */
    private <V> Served<V> lookupOnce(QueryableStore<V> store, String key, Optional<KeyQueryMetadata> where) {
        boolean someCopyLacksIt = false;
        for (HostInfo host : candidates(store, where)) {
            boolean active = where.isPresent() && host.equals(where.get().activeHost());
            if (host.equals(locator.self())) {
                Optional<Object> value;
                try {
                    value = where.isPresent()
                            ? local.get(store.name(), key, where.get().partition())
                            : local.getFromAnyCopy(store.name(), key);
                } catch (InvalidStateStoreException e) {
                    continue;
                }
                boolean stale = !(active && running());
                if (value.isPresent()) {
                    @SuppressWarnings("unchecked")
                    V typed = (V) value.get();
                    return new Served<>(typed, selfName, stale);
                }
                if (!stale) {
                    throw notFound(store, key);
                }
                someCopyLacksIt = true;
            } else {
                InstanceClient.RemoteValue answer = instances.value(host, store.name(), key);
                if (answer instanceof InstanceClient.RemoteValue.Found found) {
                    return new Served<>(store.fromWire().apply(found.bytes()), found.servedBy(), found.stale() || !active);
                }
                if (answer instanceof InstanceClient.RemoteValue.Missing missing) {
                    if (active && !missing.stale()) {
                        throw notFound(store, key);
                    }
                    someCopyLacksIt = true;
                }
            }
        }
        if (someCopyLacksIt) {
            throw notFound(store, key);
        }
        throw new UnavailableException("no copy of " + store.name() + " holding " + key + " can be read now");
    }

    private List<HostInfo> candidates(QueryableStore<?> store, Optional<KeyQueryMetadata> where) {
        List<HostInfo> hosts = new ArrayList<>();
        if (where.isPresent()) {
            hosts.add(where.get().activeHost());
            // a local standby before remote ones: no network hop
            if (where.get().standbyHosts().contains(locator.self())) {
                hosts.add(locator.self());
            }
            hosts.addAll(where.get().standbyHosts());
        } else {
            hosts.add(locator.self());
            hosts.addAll(locator.instancesWith(store.name()));
        }
        return hosts.stream().distinct().toList();
    }

    private static NotFoundException notFound(QueryableStore<?> store, String key) {
        return new NotFoundException("no " + store.name() + " entry for " + key);
    }
}
