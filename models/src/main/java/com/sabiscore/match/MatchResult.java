package com.sabiscore.match;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of a played fixture.
 *
 * @param kickoff   when the match was played (drives rest days and time decay)
 * @param neutral   played on neutral ground
 * @param halfTimeHome half-time goals, null when not recorded (1993-95 files)
 * @param stats     post-match statistics, {@link MatchStats#NONE} when absent
 */
public record MatchResult(
        FixtureId fixtureId,
        String season,
        Instant kickoff,
        boolean neutral,
        int homeGoals,
        int awayGoals,
        Integer halfTimeHome,
        Integer halfTimeAway,
        MatchStats stats) {

    public MatchResult {
        Objects.requireNonNull(fixtureId, "fixtureId");
        Objects.requireNonNull(season, "season");
        Objects.requireNonNull(kickoff, "kickoff");
        if (homeGoals < 0 || awayGoals < 0) {
            throw new IllegalArgumentException("goals cannot be negative: " + homeGoals + "-" + awayGoals);
        }
        stats = stats == null ? MatchStats.NONE : stats;
    }

    public Outcome outcome() {
        return Outcome.of(homeGoals, awayGoals);
    }
}
