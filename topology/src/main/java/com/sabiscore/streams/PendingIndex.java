package com.sabiscore.streams;

import com.sabiscore.features.TeamStateSource;
import com.sabiscore.match.FixtureId;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which pending fixtures (announced, result not yet applied) each team has: how a result finds the
 * fixtures to re-score. The {@code fixture-status} store is the truth; this index is derived from
 * its pending entries, refilled by the processor whenever the task initialises (start, restore,
 * rebalance), so it needs no store of its own. As a store it cost two to four changelog records
 * and four store reads per match, for data that can be recomputed from the task's other state.
 */
final class PendingIndex {

    /* team key ({competition}:{team}) → ids of its pending fixtures, in id (kick-off date) order */
    private final Map<String, NavigableSet<String>> byTeam = new HashMap<>();

    /** Forgets every fixture: the task is about to add its pending fixtures again. */
    void clear() {
        byTeam.clear();
    }

    void add(FixtureId fixture) {
        String id = fixture.toString();
        byTeam.computeIfAbsent(homeKey(fixture), team -> new TreeSet<>()).add(id);
        byTeam.computeIfAbsent(awayKey(fixture), team -> new TreeSet<>()).add(id);
    }

    /** @return whether the fixture was pending */
    boolean remove(FixtureId fixture) {
        String id = fixture.toString();
        boolean home = removeFrom(homeKey(fixture), id);
        boolean away = removeFrom(awayKey(fixture), id);
        return home || away;
    }

    /** The pending fixtures of either team of {@code match}, each once, in id (kick-off date) order. */
    NavigableSet<String> ofEitherTeam(FixtureId match) {
        NavigableSet<String> ids = new TreeSet<>(byTeam.getOrDefault(homeKey(match), Collections.emptyNavigableSet()));
        ids.addAll(byTeam.getOrDefault(awayKey(match), Collections.emptyNavigableSet()));
        return ids;
    }

    private boolean removeFrom(String teamKey, String fixtureId) {
        NavigableSet<String> ids = byTeam.get(teamKey);
        if (ids == null || !ids.remove(fixtureId)) {
            return false;
        }
        if (ids.isEmpty()) {
            byTeam.remove(teamKey);
        }
        return true;
    }

    private static String homeKey(FixtureId fixture) {
        return TeamStateSource.teamKey(fixture.competition(), fixture.homeTeam());
    }

    private static String awayKey(FixtureId fixture) {
        return TeamStateSource.teamKey(fixture.competition(), fixture.awayTeam());
    }
}
