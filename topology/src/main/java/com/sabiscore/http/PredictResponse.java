package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.PredictionView;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The answer to {@code POST /api/v1/predict}: the classic contract's fields ({@code home_win_prob},
 * {@code draw_prob}, {@code away_win_prob}, {@code recommended_bet}, {@code confidence},
 * {@code reasoning}) first, then extras.
 *
 * @param version the streamed prediction's version; absent when computed
 * @param asOf    event time of the streamed prediction's newest input; absent when computed
 * @param source  {@code cache} (Redis), {@code stream} (the stream's latest prediction of the
 *                fixture) or {@code computed} (on demand from current team state); written last
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
        Long version,
        String asOf,
        String source) {

    static final String CACHE = "cache";
    static final String STREAM = "stream";
    static final String COMPUTED = "computed";

    PredictResponse {
        reasoning = List.copyOf(reasoning);
    }

    static PredictResponse streamed(PredictionView p) {
        return new PredictResponse(p.homeWinProb(), p.drawProb(), p.awayWinProb(), p.recommendedBet(), p.confidence(),
                p.reasoning(), p.fixtureId(), p.stake(), p.over25Prob(), 1.0 - p.over25Prob(), p.bttsProb(),
                p.modelVersion(), p.head(), p.version(), p.asOf(), STREAM);
    }

    /** @param notes sentences put before the model's reasoning, e.g. that a team is unknown */
    static PredictResponse computed(FixturePrediction p, List<String> notes) {
        List<String> reasoning = new ArrayList<>(notes);
        reasoning.addAll(p.reasoning());
        return new PredictResponse(p.homeWinProb(), p.drawProb(), p.awayWinProb(), p.recommendedBet(), p.confidence(),
                reasoning, p.fixtureId(), p.stake(), p.over25Prob(), 1.0 - p.over25Prob(), p.bttsProb(),
                p.modelVersion(), p.head(), null, null, COMPUTED);
    }

    PredictResponse fromCache() {
        return new PredictResponse(homeWinProb, drawProb, awayWinProb, recommendedBet, confidence, reasoning, fixtureId,
                stake, over25Prob, under25Prob, bttsProb, modelVersion, head, version, asOf, CACHE);
    }

    /** The answer as sent now, and as the cache keeps it for later hits ({@code "source":"cache"}). */
    record Encoded(byte[] json, String cached) {
    }

    /**
     * Encodes once for both forms: {@code source} is the last field, so the cached form is the
     * same bytes with another ending.
     */
    Encoded encode() {
        byte[] json = toJson(this);
        byte[] ending = ("\"source\":\"" + source + "\"}").getBytes(StandardCharsets.UTF_8);
        int kept = json.length - ending.length;
        if (kept < 0 || !Arrays.equals(json, kept, json.length, ending, 0, ending.length)) {
            // not the expected shape (cannot happen with the serving layer's mapper): encode the cached form on its own
            return new Encoded(json, new String(toJson(fromCache()), StandardCharsets.UTF_8));
        }
        return new Encoded(json, new String(json, 0, kept, StandardCharsets.UTF_8) + "\"source\":\"" + CACHE + "\"}");
    }

    private static byte[] toJson(PredictResponse response) {
        try {
            return JsonFormat.mapper().writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a predict response always serialises", e);
        }
    }
}
