package com.sabiscore.query;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Which app instance hosts a key or a store ({@link HostLocator} asks Kafka Streams' metadata). */
public interface Placements {

    /** This instance's {@code application.server}. */
    HostInfo self();

    /** Where {@code key} of {@code store} lives; empty while the metadata is unknown (e.g. mid-rebalance). */
    Optional<KeyQueryMetadata> hostsOf(String store, String key);

    /** Drops what is kept about where {@code key} of {@code store} lives: the next lookup asks afresh. */
    void forget(String store, String key);

    /**
     * Asks again where {@code key} of {@code store} lives.
     *
     * @return whether that differs from what {@code used} said, i.e. whether a lookup made with it may have gone astray
     */
    boolean movedSince(String store, String key, Optional<KeyQueryMetadata> used);

    /** Every instance that hosts a copy (active or standby) of some partition of {@code store}. */
    List<HostInfo> instancesWith(String store);

    /** {@code host:port}, the form instances are named by in answers. */
    static String nameOf(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
