package com.sabiscore.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads a key wherever it lives: the active copy first, then standbys, each read here when this
 * instance holds it ({@link LocalReads}) or asked of the instance that does ({@link PeerInstances}).
 * While a task moves between instances there can be a moment when no copy of its stores is open
 * anywhere (the new active copy still restoring, even once the instance reports RUNNING), so a read
 * that finds no readable copy tries again, asking afresh where the key lives, for up to
 * {@code rebalanceWait} before it gives up. Thread-safe.
 */
public final class ForwardingReads {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final Supplier<KafkaStreams.State> state;
    private final Placements placements;
    private final LocalReads local;
    private final PeerInstances peers;
    private final Duration rebalanceWait;

    /**
     * @param state         the stream's state now ({@code streams::state} in the app)
     * @param rebalanceWait how long a read may keep trying while no copy of its key is readable
     */
    public ForwardingReads(Supplier<KafkaStreams.State> state, Placements placements, LocalReads local, PeerInstances peers,
                           Duration rebalanceWait) {
        this.state = state;
        this.placements = placements;
        this.local = local;
        this.peers = peers;
        this.rebalanceWait = rebalanceWait;
    }

    /**
     * The value of a key, waiting out a rebalance that has left no copy of it readable.
     *
     * @throws NotFoundException    no copy that can be trusted about it holds the key
     * @throws UnavailableException no copy of the key can be read now, even after waiting
     */
    <V> Served<V> read(QueryableStore<V> store, String key) {
        return read(store, key, rebalanceWait);
    }

    /**
     * The value of a key if some copy of it is readable now, without waiting out a rebalance (for a
     * caller that has another answer to fall back on).
     *
     * @throws NotFoundException    no copy that can be trusted about it holds the key
     * @throws UnavailableException no copy of the key can be read now
     */
    <V> Served<V> readWithoutWaiting(QueryableStore<V> store, String key) {
        return read(store, key, Duration.ZERO);
    }

    private <V> Served<V> read(QueryableStore<V> store, String key, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean placementChecked = false;
        while (true) {
            Optional<KeyQueryMetadata> where = placements.hostsOf(store.name(), key);
            try {
                return readOnce(store, key, where);
            } catch (NotFoundException e) {
                // the placement may have been kept from before a rebalance: a miss counts only where the key lives now
                if (placementChecked || !placements.movedSince(store.name(), key, where)) {
                    throw e;
                }
                placementChecked = true;
            } catch (UnavailableException e) {
                if (!state.get().isRunningOrRebalancing() || System.nanoTime() > deadline) {
                    throw e;
                }
                placements.forget(store.name(), key);
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
     * instance and then every instance hosting the store. The open active copy of a RUNNING
     * instance is authoritative about a missing key; a stale copy that lacks it is not, so the
     * next is asked, and when only stale copies answer, the key is unavailable rather than absent.
     */
    private <V> Served<V> readOnce(QueryableStore<V> store, String key, Optional<KeyQueryMetadata> where) {
        boolean someCopyLacksIt = false;
        for (HostInfo host : candidates(store, where)) {
            boolean active = where.isPresent() && host.equals(where.get().activeHost());
            if (host.equals(placements.self())) {
                Optional<Object> value;
                try {
                    value = local.copyValue(store, key, where);
                } catch (InvalidStateStoreException e) {
                    continue;
                }
                boolean stale = local.isStale(where);
                if (value.isPresent()) {
                    @SuppressWarnings("unchecked")
                    V typed = (V) value.get();
                    return new Served<>(typed, local.selfName(), stale);
                }
                if (!stale) {
                    throw notFound(store, key);
                }
                someCopyLacksIt = true;
            } else {
                PeerInstances.RemoteValue answer = peers.value(host, store.name(), key);
                if (answer instanceof PeerInstances.RemoteValue.Found found) {
                    return new Served<>(store.fromWire().apply(found.bytes()), found.servedBy(), found.stale() || !active);
                }
                if (answer instanceof PeerInstances.RemoteValue.Missing missing) {
                    if (active && !missing.stale()) {
                        throw notFound(store, key);
                    }
                    someCopyLacksIt = true;
                }
            }
        }
        if (someCopyLacksIt) {
            // copies that may be behind (a standby, a task restoring after a move) prove nothing about a missing key
            throw new UnavailableException("no up-to-date copy of " + store.name() + " can be read now, and the copies "
                    + "that may be behind lack " + key);
        }
        throw new UnavailableException("no copy of " + store.name() + " holding " + key + " can be read now");
    }

    private List<HostInfo> candidates(QueryableStore<?> store, Optional<KeyQueryMetadata> where) {
        List<HostInfo> hosts = new ArrayList<>();
        if (where.isPresent()) {
            hosts.add(where.get().activeHost());
            // a local standby before remote ones: no network hop
            if (where.get().standbyHosts().contains(placements.self())) {
                hosts.add(placements.self());
            }
            hosts.addAll(where.get().standbyHosts());
        } else {
            hosts.add(placements.self());
            hosts.addAll(placements.instancesWith(store.name()));
        }
        return hosts.stream().distinct().toList();
    }

    private static NotFoundException notFound(QueryableStore<?> store, String key) {
        return new NotFoundException("no " + store.name() + " entry for " + key);
    }
}
