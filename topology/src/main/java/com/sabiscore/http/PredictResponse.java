package com.sabiscore.http;

import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.query.PredictionView;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to {@code POST /api/v1/predict}: the seed's fields ({@code home_win_prob},
 * {@code draw_prob}, {@code away_win_prob}, {@code recommended_bet}, {@code confidence},
 * {@code reasoning}) first, then extras.
 *
 * @param source  {@code cache} (Redis), {@code stream} (the stream's latest prediction of the
 *                fixture) or {@code computed} (on demand from current team state)
 * @param version the streamed prediction's version; absent when computed
 * @param asOf    event time of the streamed prediction's newest input; absent when computed
 */
record PredictResponse(
        double homeWinProb,
        double drawProb,
        double awayWinProb,
        String recommendedBet,
        String confidence,
        List<String> reasoning,
        String fixtureId,
        double stake,
        double over25Prob,
        double under25Prob,
        double bttsProb,
        String modelVersion,
        String head,
        String source,
        Long version,
        String asOf) {

    static final String CACHE = "cache";
    static final String STREAM = "stream";
    static final String COMPUTED = "computed";

    PredictResponse {
        reasoning = List.copyOf(reasoning);
    }

    static PredictResponse streamed(PredictionView p) {
        return new PredictResponse(p.homeWinProb(), p.drawProb(), p.awayWinProb(), p.recommendedBet(), p.confidence(),
                p.reasoning(), p.fixtureId(), p.stake(), p.over25Prob(), 1.0 - p.over25Prob(), p.bttsProb(),
                p.modelVersion(), p.head(), STREAM, p.version(), p.asOf());
    }

    /** @param notes sentences put before the model's reasoning, e.g. that a team is unknown */
    static PredictResponse computed(FixturePrediction p, List<String> notes) {
        List<String> reasoning = new ArrayList<>(notes);
        reasoning.addAll(p.reasoning());
        return new PredictResponse(p.homeWinProb(), p.drawProb(), p.awayWinProb(), p.recommendedBet(), p.confidence(),
                reasoning, p.fixtureId(), p.stake(), p.over25Prob(), 1.0 - p.over25Prob(), p.bttsProb(),
                p.modelVersion(), p.head(), COMPUTED, null, null);
    }

    PredictResponse fromCache() {
        return new PredictResponse(homeWinProb, drawProb, awayWinProb, recommendedBet, confidence, reasoning, fixtureId,
                stake, over25Prob, under25Prob, bttsProb, modelVersion, head, CACHE, version, asOf);
    }
}
