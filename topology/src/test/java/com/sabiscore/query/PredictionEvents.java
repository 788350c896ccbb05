package com.sabiscore.query;

import com.sabiscore.events.Prediction;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Builds Avro {@link Prediction}s for serving tests: {@code aPrediction().competition("E0")
 * .home("Arsenal").away("Chelsea").kickoff("2023-10-21T14:00:00Z").version(2).build()}. The fixture
 * id follows competition, UK kick-off date and teams unless {@link #fixtureId(String)} sets one.
 */
public final class PredictionEvents {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private String fixtureId;
    private String competition = "E0";
    private String homeTeam = "Arsenal";
    private String awayTeam = "Chelsea";
    private Instant kickoff = Instant.parse("2023-10-21T14:00:00Z");
    private Instant asOf = Instant.parse("2023-10-20T09:00:00Z");
    private double home = 0.5;
    private double draw = 0.3;
    private long version = 1;
    private String modelVersion = "test-model-1";

    private PredictionEvents() {
    }

    public static PredictionEvents aPrediction() {
        return new PredictionEvents();
    }

    public PredictionEvents fixtureId(String id) {
        this.fixtureId = id;
        return this;
    }

    public PredictionEvents competition(String code) {
        this.competition = code;
        return this;
    }

    public PredictionEvents home(String team) {
        this.homeTeam = team;
        return this;
    }

    public PredictionEvents away(String team) {
        this.awayTeam = team;
        return this;
    }

    public PredictionEvents kickoff(String isoInstant) {
        this.kickoff = Instant.parse(isoInstant);
        return this;
    }

    public PredictionEvents asOf(String isoInstant) {
        this.asOf = Instant.parse(isoInstant);
        return this;
    }

    /** Home and draw probabilities; away gets the rest. */
    public PredictionEvents probabilities(double homeWin, double drawn) {
        this.home = homeWin;
        this.draw = drawn;
        return this;
    }

    public PredictionEvents version(long v) {
        this.version = v;
        return this;
    }

    public PredictionEvents modelVersion(String v) {
        this.modelVersion = v;
        return this;
    }

    public String id() {
        return fixtureId != null ? fixtureId
                : competition + ":" + kickoff.atZone(UK).toLocalDate() + ":" + homeTeam + ":" + awayTeam;
    }

    public Prediction build() {
        return Prediction.newBuilder()
                .setFixtureId(id())
                .setCompetition(competition)
                .setHomeTeam(homeTeam)
                .setAwayTeam(awayTeam)
                .setKickoff(kickoff)
                .setHomeWinProb(home)
                .setDrawProb(draw)
                .setAwayWinProb(1.0 - home - draw)
                .setOver25Prob(0.55)
                .setBttsProb(0.5)
                .setRecommendedBet("no_bet")
                .setStake(0.0)
                .setConfidence("low")
                .setReasoning(List.of("Test prediction, version " + version + "."))
                .setModelVersion(modelVersion)
                .setHead("without_odds")
                .setFeatureHash(42L)
                .setAsOf(asOf)
                .setSourceOffsets(List.of())
                .setVersion(version)
                .build();
    }

    public PredictionView view() {
        return PredictionView.of(build());
    }
}
