package com.sabiscore.query;

import com.sabiscore.partitioning.CompetitionPartitioner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Placements a test sets by competition, every key of a competition in partition 0. Like
 * {@link HostLocator} it keeps what it answered until told to forget it, so a test can move a
 * competition ({@link #move}) and see a reader find out.
 */
final class FixedPlacements implements Placements {

    private final HostInfo self;
    private final Map<String, KeyQueryMetadata> actual = new HashMap<>();
    private final Map<String, KeyQueryMetadata> kept = new HashMap<>();
    private final List<HostInfo> instances = new ArrayList<>();
    /** How many times a reader dropped what was kept. */
    int forgotten;

    FixedPlacements(HostInfo self) {
        this.self = self;
    }

    /** The competition's active copy is on {@code active}, its standbys on {@code standbys}, and that is known at once. */
    FixedPlacements place(String competition, HostInfo active, HostInfo... standbys) {
        move(competition, active, standbys);
        kept.put(competition, actual.get(competition));
        return this;
    }

    /** The competition moves; what was kept still says where it was until forgotten. */
    FixedPlacements move(String competition, HostInfo active, HostInfo... standbys) {
        actual.put(competition, new KeyQueryMetadata(active, Set.of(standbys), 0));
        return this;
    }

    /** The instances that host a copy of some partition of every store. */
    FixedPlacements hosting(HostInfo... hosts) {
        instances.clear();
        instances.addAll(List.of(hosts));
        return this;
    }

    @Override
    public HostInfo self() {
        return self;
    }

    @Override
    public Optional<KeyQueryMetadata> hostsOf(String store, String key) {
        String competition = CompetitionPartitioner.competitionOf(key);
        KeyQueryMetadata known = kept.get(competition);
        if (known == null) {
            known = actual.get(competition);
            if (known != null) {
                kept.put(competition, known);
            }
        }
        return Optional.ofNullable(known);
    }

    @Override
    public void forget(String store, String key) {
        forgotten++;
        kept.remove(CompetitionPartitioner.competitionOf(key));
    }

    @Override
    public boolean movedSince(String store, String key, Optional<KeyQueryMetadata> used) {
        forget(store, key);
        return !hostsOf(store, key).equals(used);
    }

    @Override
    public List<HostInfo> instancesWith(String store) {
        return List.copyOf(instances);
    }
}
