package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sabiscore.cache.PredictionCache;
import com.sabiscore.features.TeamStateSource;
import com.sabiscore.match.Fixture;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.metrics.SabiScoreMetrics.RequestResult;
import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.NotFoundException;
import com.sabiscore.query.PredictionView;
import com.sabiscore.query.StoreTeamStateSource;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the seed's predict contract, cheapest source first: the Redis cache; on a miss the
 * stream's latest prediction of the fixture; when the stream has none, a prediction computed on
 * demand from the current team state (read from the stores wherever they live) with the same
 * {@link FixturePredictor} the stream uses. A miss is cached afterwards. A batch reads the cache
 * in one round trip and scores all its computed fixtures in one {@code predictBatch} call.
 * Thread-safe.
 */
final class ReadThroughPredictor {

    private final PredictionCache cache;
    private final FixturePredictor predictor;
    private final StreamBinding stream;
    private final SabiScoreMetrics metrics;

    ReadThroughPredictor(PredictionCache cache, FixturePredictor predictor, StreamBinding stream, SabiScoreMetrics metrics) {
        this.cache = cache;
        this.predictor = predictor;
        this.stream = stream;
        this.metrics = metrics;
    }

    PredictResponse predict(PredictRequest request) {
        return answer(List.of(request)).get(0);
    }

    /** Answers in request order. */
    List<PredictResponse> predictBatch(List<PredictRequest> requests) {
        return answer(requests);
    }

    private List<PredictResponse> answer(List<PredictRequest> requests) {
        long start = System.nanoTime();
        try {
            return answerTimed(requests);
        } catch (RuntimeException e) {
            metrics.predictionsAnswered(RequestResult.ERROR, requests.size());
            throw e;
        } finally {
            metrics.predictionLatency(System.nanoTime() - start);
        }
    }

    private List<PredictResponse> answerTimed(List<PredictRequest> requests) {
        List<String> keys = requests.stream().map(PredictRequest::cacheKey).toList();
        List<Optional<String>> cached = keys.size() == 1 ? List.of(cache.get(keys.get(0))) : cache.getAll(keys);
        PredictResponse[] answers = new PredictResponse[requests.size()];
        List<Integer> toCompute = new ArrayList<>();
        int hits = 0;
        for (int i = 0; i < requests.size(); i++) {
            Optional<PredictResponse> hit = cached.get(i).flatMap(ReadThroughPredictor::readCached);
            if (hit.isPresent()) {
                answers[i] = hit.get().fromCache();
                hits++;
            } else {
                Optional<PredictionView> streamed = streamed(requests.get(i));
                if (streamed.isPresent()) {
                    answers[i] = PredictResponse.streamed(streamed.get());
                } else {
                    toCompute.add(i);
                }
            }
        }
        computeInto(answers, requests, toCompute);
        Map<String, String> misses = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            if (!PredictResponse.CACHE.equals(answers[i].source())) {
                misses.put(keys.get(i), toJson(answers[i]));
            }
        }
        if (!misses.isEmpty()) {
            cache.putAll(misses);
        }
        metrics.predictionsAnswered(RequestResult.CACHE_HIT, hits);
        metrics.predictionsAnswered(RequestResult.CACHE_MISS, requests.size() - hits);
        return List.of(answers);
    }

    private Optional<PredictionView> streamed(PredictRequest request) {
        try {
            PredictionView prediction = stream.queries().prediction(request.fixtureId().toString()).value();
            stream.lookedUp(prediction);
            return Optional.of(prediction);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private void computeInto(PredictResponse[] answers, List<PredictRequest> requests, List<Integer> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        TeamStateSource state = new StoreTeamStateSource(stream.queries());
        List<Fixture> fixtures = new ArrayList<>(indexes.size());
        List<List<String>> notes = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            fixtures.add(requests.get(i).fixture());
            notes.add(priorNotes(state, requests.get(i)));
        }
        List<FixturePrediction> predictions = predictor.predictBatch(state, fixtures);
        for (int k = 0; k < indexes.size(); k++) {
            answers[indexes.get(k)] = PredictResponse.computed(predictions.get(k), notes.get(k));
        }
    }

    /** Says which inputs fell back to priors: the engine rates an unknown club like a newly promoted one. */
    private static List<String> priorNotes(TeamStateSource state, PredictRequest request) {
        String competition = request.competition().code();
        String league = request.competition().commonName();
        List<String> notes = new ArrayList<>(2);
        if (state.league(competition).isEmpty()) {
            notes.add("No " + league + " results have been seen yet, so league-wide priors are used.");
        }
        for (String team : List.of(request.homeTeam(), request.awayTeam())) {
            if (state.team(competition, team).isEmpty()) {
                notes.add(team + " has no match history in the " + league
                        + ", so it is rated with the league's prior for a newly promoted club.");
            }
        }
        return notes;
    }

    private static Optional<PredictResponse> readCached(String json) {
        try {
            return Optional.of(JsonFormat.mapper().readValue(json, PredictResponse.class));
        } catch (JsonProcessingException e) {
            // an entry this version cannot read (corrupt or from an incompatible release) is a miss
            return Optional.empty();
        }
    }

    private static String toJson(PredictResponse response) {
        try {
            return JsonFormat.mapper().writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a predict response always serialises", e);
        }
    }
}
