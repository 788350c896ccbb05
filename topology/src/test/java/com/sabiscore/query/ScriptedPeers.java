package com.sabiscore.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** Other instances as a test scripts them: what each answers for a key or a range; an instance not scripted does not answer. */
final class ScriptedPeers implements PeerInstances {

    private final Map<HostInfo, Map<String, RemoteValue>> values = new HashMap<>();
    private final Map<HostInfo, LocalRange> ranges = new HashMap<>();
    /** The instances asked for a value, in order. */
    final List<HostInfo> asked = new ArrayList<>();

    ScriptedPeers answer(HostInfo host, String key, RemoteValue value) {
        values.computeIfAbsent(host, h -> new HashMap<>()).put(key, value);
        return this;
    }

    ScriptedPeers share(HostInfo host, LocalRange range) {
        ranges.put(host, range);
        return this;
    }

    @Override
    public RemoteValue value(HostInfo host, String store, String key) {
        asked.add(host);
        return values.getOrDefault(host, Map.of()).getOrDefault(key,
                new RemoteValue.Failed(Placements.nameOf(host) + " unreachable"));
    }

    @Override
    public Optional<LocalRange> range(HostInfo host, String competition, LocalDate from, LocalDate to) {
        return Optional.ofNullable(ranges.get(host));
    }
}
