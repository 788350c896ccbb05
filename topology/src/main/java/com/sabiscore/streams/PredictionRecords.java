package com.sabiscore.streams;

import com.sabiscore.events.ChallengerForecast;
import com.sabiscore.events.Prediction;
import com.sabiscore.events.SourceOffset;
import com.sabiscore.match.Fixture;
import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.scoring.FixtureScorer;
import com.sabiscore.serving.Lineup;
import java.time.Instant;
import java.util.List;

/** Turns the models' answer into the published {@link Prediction} event. */
final class PredictionRecords {

    private PredictionRecords() {
    }

    static Prediction toEvent(Fixture fixture, Lineup.Forecast forecast, long asOf, List<SourceOffset> sourceOffsets, long version) {
        FixturePrediction scored = forecast.champion();
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
                .setChallenger(forecast.challenger() == null ? null : challenger(forecast.challenger()))
                .build();
    }

    private static ChallengerForecast challenger(FixtureScorer.Score score) {
        return new ChallengerForecast(score.modelVersion(), score.head().wireName(), score.home(), score.draw(), score.away());
    }
}
