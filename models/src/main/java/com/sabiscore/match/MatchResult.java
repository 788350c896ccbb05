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
 * @param preMatchPrices the reference 1X2 prices the match was played at (the market average, or
 *                  without one the books' mean), null when none were quoted; pre-match prices only,
 *                  never closing prices, so ratings learned from them after the match see only
 *                  what was known before it
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
        MatchStats stats,
        BookPrice preMatchPrices) {

    /** A result without pre-match prices. */
    public MatchResult(FixtureId fixtureId, String season, Instant kickoff, boolean neutral, int homeGoals,
                       int awayGoals, Integer halfTimeHome, Integer halfTimeAway, MatchStats stats) {
        this(fixtureId, season, kickoff, neutral, homeGoals, awayGoals, halfTimeHome, halfTimeAway, stats, null);
    }

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
