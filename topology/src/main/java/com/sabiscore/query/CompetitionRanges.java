package com.sabiscore.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A competition's predictions between two dates, gathered from every instance hosting a copy of
 * the predictions store (this one read locally, the others over their internal routes) and merged:
 * the newest version of each fixture, in kick-off order. An instance that does not answer is
 * listed, not fatal. Thread-safe.
 */
public final class CompetitionRanges {

    private final Placements placements;
    private final LocalReads local;
    private final PeerInstances peers;

    public CompetitionRanges(Placements placements, LocalReads local, PeerInstances peers) {
        this.placements = placements;
        this.local = local;
        this.peers = peers;
    }

    /**
     * Every prediction of {@code competition} whose fixture date (the date in the fixture id, the
     * local match date) lies in {@code [from, to]}.
     */
    CompetitionPredictions predictions(String competition, LocalDate from, LocalDate to) {
        List<HostInfo> hosts = new ArrayList<>(placements.instancesWith(QueryableStore.PREDICTIONS.name()));
        if (!hosts.contains(placements.self())) {
            // mid-rebalance the metadata can be empty; this instance's copies still answer
            hosts.add(0, placements.self());
        }
        Map<String, PredictionView> newest = new LinkedHashMap<>();
        List<String> servedBy = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        boolean stale = false;
        for (HostInfo host : hosts) {
            Optional<LocalRange> share = host.equals(placements.self())
                    ? localShare(competition, from, to)
                    : peers.range(host, competition, from, to);
            if (share.isEmpty()) {
                unreachable.add(Placements.nameOf(host));
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

    private Optional<LocalRange> localShare(String competition, LocalDate from, LocalDate to) {
        try {
            return Optional.of(local.predictions(competition, from, to));
        } catch (UnavailableException e) {
            return Optional.empty();
        }
    }
}
