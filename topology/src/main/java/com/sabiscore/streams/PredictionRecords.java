package com.sabiscore.streams;

import com.sabiscore.events.Prediction;
import com.sabiscore.events.SourceOffset;
import com.sabiscore.match.Fixture;
import com.sabiscore.prediction.FixturePrediction;
import java.time.Instant;
import java.util.List;

/** Turns the predictor's answer into the published {@link Prediction} event. */
final class PredictionRecords {

    private PredictionRecords() {
    }

    static Prediction toEvent(Fixture fixture, FixturePrediction scored, long asOf, List<SourceOffset> sourceOffsets, long version) {
        return Prediction.newBuilder()
                .setFixtureId(fixture.id().toString())
                .setCompetition(fixture.competition())
                .setHomeTeam(fixture.homeTeam())
                .setAwayTeam(fixture.awayTeam())
                .setKickoff(fixture.kickoff())
                .setHomeWinProb(scored.homeWinProb())
                .setDrawProb(scored.drawProb())
                .setAwayWinProb(scored.awayWinProb())
                .setOver25Prob(scored.over25Prob())
                .setBttsProb(scored.bttsProb())
                .setRecommendedBet(scored.recommendedBet())
                .setStake(scored.stake())
                .setConfidence(scored.confidence())
                .setReasoning(scored.reasoning())
                .setModelVersion(scored.modelVersion())
                .setHead(scored.head())
                .setFeatureHash(scored.featureHash())
                .setAsOf(Instant.ofEpochMilli(asOf))
                .setSourceOffsets(sourceOffsets)
                .setVersion(version)
                .build();
    }
}
