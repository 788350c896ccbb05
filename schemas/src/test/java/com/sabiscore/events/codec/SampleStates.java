package com.sabiscore.events.codec;

import com.sabiscore.state.FixtureStatus;
import com.sabiscore.state.HeldEvent;
import com.sabiscore.state.LeagueState;
import com.sabiscore.state.RecentForm;
import com.sabiscore.state.TeamState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** One fully populated value of each state-store type, so a round trip exercises every field. */
final class SampleStates {

    private SampleStates() {
    }

    static TeamState teamState() {
        return TeamState.newBuilder()
                .setSeason("2023-24")
                .setLastMatchEpochSecond(SampleEvents.KICKOFF.getEpochSecond())
                .setMatchesPlayed(38)
                .setMatchesThisSeason(1)
                .setNewEntrant(true)
                .setElo(1412.5)
                .setPiHome(-0.31)
                .setPiAway(-0.44)
                .setGoalsFor(4.2)
                .setExpectedGoalsFor(5.1)
                .setGoalsAgainst(7.3)
                .setExpectedGoalsAgainst(5.9)
                .setForm(form(new byte[] {0, 1, 3}, new byte[] {-3, 0, 2}))
                .setHomeForm(form(new byte[] {0}, new byte[] {-3}))
                .setAwayForm(form(new byte[0], new byte[0]))
                .setMarketRating(-0.8)
                .setMarketMatches(12)
                .build();
    }

    static LeagueState leagueState() {
        return LeagueState.newBuilder()
                .setFirstSeason("1993-94")
                .setCurrentSeason("2023-24")
                .setMatchesPlayed(11_782)
                .setMeanHomeGoals(1.53)
                .setMeanAwayGoals(1.18)
                .setHomeAdvantage(62.0)
                .setMeanElo(1500.0)
                .setEntrantElo(1420.0)
                .setEntrantPiHome(-0.2)
                .setEntrantPiAway(-0.25)
                .setEntrantAttack(0.85)
                .setEntrantDefence(1.15)
                .setEntrantsSeen(93)
                .setMarketHomeAdvantage(0.45)
                .setMarketDrawFactor(0.62)
                .build();
    }

    /** A pending fixture with both a result and a newer copy of itself held. */
    static FixtureStatus fixtureStatus() {
        return FixtureStatus.newBuilder()
                .setAppliedAtMs(null)
                .setFixtureEvent(utf8("fixture event"))
                .setHeldResult(new HeldEvent(SampleEvents.KICKOFF.toEpochMilli(), 3, 42L, utf8("result event")))
                .setHeldFixture(new HeldEvent(SampleEvents.KICKOFF.toEpochMilli() - 1, 3, 41L, utf8("fixture copy")))
                .build();
    }

    private static RecentForm form(byte[] points, byte[] goalDifferences) {
        return new RecentForm(ByteBuffer.wrap(points), ByteBuffer.wrap(goalDifferences));
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
