package com.sabiscore.events.codec;

import com.sabiscore.events.BookOdds;
import com.sabiscore.events.ChallengerForecast;
import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.MatchStats;
import com.sabiscore.events.ModelRecord;
import com.sabiscore.events.ModelRoles;
import com.sabiscore.events.Prediction;
import com.sabiscore.events.ReleasedHead;
import com.sabiscore.events.ReleasedModel;
import com.sabiscore.events.SourceOffset;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** One fully populated event of each type, so a round trip exercises every field. */
final class SampleEvents {

    static final Instant KICKOFF = Instant.parse("2023-08-11T19:00:00Z");

    private SampleEvents() {
    }

    static Fixture fixture() {
        return Fixture.newBuilder()
                .setFixtureId("E0:2023-08-11:Burnley:Man City")
                .setCompetition("E0")
                .setSeason("2023-24")
                .setHomeTeam("Burnley")
                .setAwayTeam("Man City")
                .setKickoff(KICKOFF)
                .setNeutral(false)
                .setOdds(List.of(new BookOdds("B365", 9.0, 5.5, 1.33), new BookOdds("PS", 9.5, 5.6, 1.34)))
                .setMarketAverage(new BookOdds("Avg", 9.2, 5.5, 1.33))
                .setMarketMaximum(new BookOdds("Max", 10.0, 6.0, 1.36))
                .setOver25(1.5)
                .setUnder25(2.6)
                .setAsianLine(1.5)
                .setAsianHome(1.95)
                .setAsianAway(1.95)
                .build();
    }

    static MatchResult result() {
        return MatchResult.newBuilder()
                .setFixtureId("E0:2023-08-11:Burnley:Man City")
                .setCompetition("E0")
                .setSeason("2023-24")
                .setHomeTeam("Burnley")
                .setAwayTeam("Man City")
                .setKickoff(KICKOFF)
                .setHomeGoals(0)
                .setAwayGoals(3)
                .setHalfTimeHome(0)
                .setHalfTimeAway(2)
                .setStats(new MatchStats(6, 17, 1, 8, 6, 5, 1, null))
                .build();
    }

    static Prediction prediction() {
        return Prediction.newBuilder()
                .setFixtureId("E0:2023-08-11:Burnley:Man City")
                .setCompetition("E0")
                .setHomeTeam("Burnley")
                .setAwayTeam("Man City")
                .setKickoff(KICKOFF)
                .setHomeWinProb(0.1)
                .setDrawProb(0.15)
                .setAwayWinProb(0.75)
                .setOver25Prob(0.68)
                .setBttsProb(0.42)
                .setRecommendedBet("no_bet")
                .setStake(0.0)
                .setConfidence("high")
                .setReasoning(List.of("Man City rated far higher", "market agrees"))
                .setModelVersion("test-1")
                .setHead("with_odds")
                .setFeatureHash(-42L)
                .setAsOf(KICKOFF.minusSeconds(86_400))
                .setSourceOffsets(List.of(new SourceOffset("sabiscore.fixtures", 3, 17L)))
                .setVersion(2L)
                .setChallenger(new ChallengerForecast("test-2", "with_odds", 0.12, 0.16, 0.72))
                .build();
    }

    static ModelRecord modelRelease() {
        return new ModelRecord(new ReleasedModel("test-2",
                new ReleasedHead(ByteBuffer.wrap(new byte[] {8, 1, 18, 4}), "{\"head\":\"with_odds\"}"),
                new ReleasedHead(ByteBuffer.wrap(new byte[] {8, 2}), "{\"head\":\"without_odds\"}")));
    }

    static ModelRecord modelRoles() {
        return new ModelRecord(new ModelRoles("test-1", "test-2"));
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setOriginalKey(ByteBuffer.wrap("E0:2023-08-11:Burnley:Man City".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setSourceTopic("sabiscore.fixtures")
                .setSourcePartition(3)
                .setSourceOffset(18L)
                .setErrorClass("com.sabiscore.events.mapping.InvalidEventException")
                .setReason("home team equals away team")
                .setFailedAt(KICKOFF)
                .build();
    }
}
