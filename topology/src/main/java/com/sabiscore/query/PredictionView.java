package com.sabiscore.query;

import com.sabiscore.events.Prediction;
import java.util.List;

/**
 * A streamed prediction as the HTTP layer and the Redis mirror show it: the Avro
 * {@link Prediction} without its Kafka bookkeeping ({@code sourceOffsets}), instants as ISO-8601
 * strings. Serialised with snake_case names.
 *
 * @param kickoff  kick-off instant, e.g. {@code 2024-12-01T16:30:00Z}
 * @param asOf     event time of the newest input this forecast has seen
 * @param version  per-fixture version: a higher version is a newer forecast
 */
public record PredictionView(
        String fixtureId,
        String competition,
        String homeTeam,
        String awayTeam,
        String kickoff,
        double homeWinProb,
        double drawProb,
        double awayWinProb,
        double over25Prob,
        double bttsProb,
        String recommendedBet,
        double stake,
        String confidence,
        List<String> reasoning,
        String modelVersion,
        String head,
        long featureHash,
        String asOf,
        long version) {

    public PredictionView {
        reasoning = List.copyOf(reasoning);
    }

    public static PredictionView of(Prediction p) {
        return new PredictionView(p.getFixtureId(), p.getCompetition(), p.getHomeTeam(), p.getAwayTeam(),
                p.getKickoff().toString(), p.getHomeWinProb(), p.getDrawProb(), p.getAwayWinProb(),
                p.getOver25Prob(), p.getBttsProb(), p.getRecommendedBet(), p.getStake(), p.getConfidence(),
                p.getReasoning(), p.getModelVersion(), p.getHead(), p.getFeatureHash(), p.getAsOf().toString(),
                p.getVersion());
    }
}
