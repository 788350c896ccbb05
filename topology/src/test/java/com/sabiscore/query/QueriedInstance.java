package com.sabiscore.query;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The instance a query test runs on ({@link #SELF}), with what its query classes read as test
 * doubles: its stream's state, where keys live, its own store copies and the other instances.
 * Its {@link LocalReads} is the real one over them.
 */
final class QueriedInstance {

    static final HostInfo SELF = new HostInfo("app-1", 8080);
    static final HostInfo OTHER = new HostInfo("app-2", 8080);
    static final HostInfo THIRD = new HostInfo("app-3", 8080);

    final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    final FixedPlacements placements = new FixedPlacements(SELF);
    final InMemoryStoreCopies copies = new InMemoryStoreCopies();
    final ScriptedPeers peers = new ScriptedPeers();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final KeptTeamStates keptStates = new KeptTeamStates(100, registry);
    final LocalReads local = new LocalReads(state::get, placements, copies, keptStates, 100, registry);

    ForwardingReads forwarding(Duration rebalanceWait) {
        return new ForwardingReads(state::get, placements, local, peers, rebalanceWait);
    }
}
