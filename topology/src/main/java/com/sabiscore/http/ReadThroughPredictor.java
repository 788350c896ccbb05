package com.sabiscore.http;

import com.sabiscore.cache.PredictionCache;
import com.sabiscore.features.TeamStateSource;
import com.sabiscore.match.Fixture;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.metrics.SabiScoreMetrics.RequestResult;
import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.serving.ServedModel;
import com.sabiscore.serving.ServingModels;
import com.sabiscore.query.NotFoundException;
import com.sabiscore.query.NotLocalException;
import com.sabiscore.query.PredictionQueryService;
import com.sabiscore.query.PredictionView;
import com.sabiscore.query.Served;
import com.sabiscore.query.StoreTeamStateSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Answers the classic predict contract, cheapest source first: the Redis cache; on a miss the
 * stream's latest prediction of the fixture; when the stream has none, a prediction computed on
 * demand from the current team state (read from the stores wherever they live) with the champion
 * the stream uses. Each request takes the champion once: its version is part of the cache key, so
 * once another model serves, the previous one's cached answers are not found. A single request reads the cache asynchronously, so a
 * hit holds no thread while Redis answers. A miss whose competition's active copy is on this
 * instance is answered on the event loop that read the request (every read it needs is local,
 * none blocks); any other miss goes to the worker pool, where a forward or a rebalance wait may
 * block. A miss is cached afterwards as the exact JSON a hit then sends, so a hit is a copy, not a
 * parse and an encode. A batch reads the cache in one round trip and scores all its computed
 * fixtures in one {@code predictBatch} call. Thread-safe.
 */
public final class ReadThroughPredictor {

    private static final String CACHED_SOURCE = "\"source\":\"" + PredictResponse.CACHE + "\"";
    private static final List<Optional<String>> NO_HIT = List.of(Optional.empty());

    private final PredictionCache cache;
    private final ServingModels models;
    private final StreamBinding stream;
    private final SabiScoreMetrics metrics;

    public ReadThroughPredictor(PredictionCache cache, ServingModels models, StreamBinding stream, SabiScoreMetrics metrics) {
        this.cache = cache;
        this.models = models;
        this.stream = stream;
        this.metrics = metrics;
    }

    /**
     * The answer as a JSON document, without blocking the calling thread: the cache read is
     * asynchronous and a hit is answered from its completion. A miss whose competition's active
     * copy is here is computed on {@code requestLoop}, the event loop that read the request (so
     * misses spread over the loops instead of piling onto the one holding the Redis connection);
     * any other miss (it may need a forward to another instance or a rebalance wait) on
     * {@code misses}. The cache read's timeout also runs on {@code requestLoop}.
     */
    CompletableFuture<byte[]> predictAsync(PredictRequest request, ScheduledExecutorService requestLoop, Executor misses) {
        long start = System.nanoTime();
        ServedModel champion = models.lineup().champion();
        String key = request.cacheKey(champion.version());
        List<PredictRequest> one = List.of(request);
        List<String> keys = List.of(key);
        Supplier<byte[]> wherever = () -> timed(start, 1,
                () -> answerGiven(one, keys, NO_HIT, readsWherever(), champion.predictor())[0]);
        return cache.getAsync(key, requestLoop).thenCompose(cached -> {
            Optional<String> hit = cached.filter(ReadThroughPredictor::isCachedAnswer);
            if (hit.isPresent()) {
                metrics.predictionsAnswered(RequestResult.CACHE_HIT, 1);
                metrics.predictionLatency(System.nanoTime() - start);
                return CompletableFuture.completedFuture(hit.get().getBytes(StandardCharsets.UTF_8));
            }
            if (!stream.hostsActiveCopy(request.fixtureId().toString())) {
                return CompletableFuture.supplyAsync(wherever, misses);
            }
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return Optional.of(timed(start, 1,
                            () -> answerGiven(one, keys, NO_HIT, activeCopyReads(), champion.predictor())[0]));
                } catch (NotLocalException e) {
                    // a rebalance began meanwhile: answered on a worker, where a forward or a wait may block
                    return Optional.<byte[]>empty();
                }
            }, requestLoop).thenCompose(here -> here.map(CompletableFuture::completedFuture)
                    .orElseGet(() -> CompletableFuture.supplyAsync(wherever, misses)));
        });
    }

    /** The answers as one JSON array, in request order; blocks for the cache read (at most its timeout). */
    byte[] predictBatch(List<PredictRequest> requests) {
        byte[][] answers = timed(System.nanoTime(), requests.size(), () -> {
            ServedModel champion = models.lineup().champion();
            List<String> keys = requests.stream().map(request -> request.cacheKey(champion.version())).toList();
            return answerGiven(requests, keys, cache.getAll(keys), readsWherever(), champion.predictor());
        });
        int length = answers.length + 1;
        for (byte[] answer : answers) {
            length += answer.length;
        }
        byte[] array = new byte[length];
        int at = 0;
        for (byte[] answer : answers) {
            array[at] = (byte) (at == 0 ? '[' : ',');
            at++;
            System.arraycopy(answer, 0, array, at, answer.length);
            at += answer.length;
        }
        array[at] = ']';
        return array;
    }

    /**
     * Runs {@code answering}, recording its latency from {@code start} and counting its requests as
     * errors if it fails; a {@link NotLocalException} is not an answer yet, so it records nothing.
     */
    private <T> T timed(long start, int requests, Supplier<T> answering) {
        try {
            T answer = answering.get();
            metrics.predictionLatency(System.nanoTime() - start);
            return answer;
        } catch (NotLocalException e) {
            throw e;
        } catch (RuntimeException e) {
            metrics.predictionsAnswered(RequestResult.ERROR, requests);
            metrics.predictionLatency(System.nanoTime() - start);
            throw e;
        }
    }

    /** Where a miss reads the stream's prediction of its fixture and the team state to compute one. */
    private interface MissReads {

        /** Empty when the stream has no prediction of the fixture. */
        Optional<PredictionView> streamed(String fixtureId);

        TeamStateSource teamStates();
    }

    /** Wherever the stores live: may forward to another instance or wait out a rebalance. */
    private MissReads readsWherever() {
        PredictionQueryService queries = stream.queries();
        return new MissReads() {
            @Override
            public Optional<PredictionView> streamed(String fixtureId) {
                try {
                    return Optional.of(queries.prediction(fixtureId).value());
                } catch (NotFoundException e) {
                    return Optional.empty();
                }
            }

            @Override
            public TeamStateSource teamStates() {
                return StoreTeamStateSource.wherever(queries);
            }
        };
    }

    /** This instance's active copies only, never blocking; a read throws {@link NotLocalException} otherwise. */
    private MissReads activeCopyReads() {
        PredictionQueryService queries = stream.queries();
        return new MissReads() {
            @Override
            public Optional<PredictionView> streamed(String fixtureId) {
                return queries.activeCopyPrediction(fixtureId).map(Served::value);
            }

            @Override
            public TeamStateSource teamStates() {
                return StoreTeamStateSource.activeCopyHere(queries);
            }
        };
    }

    /** Each answer as a JSON document, in request order, given what the cache held for each key. */
    private byte[][] answerGiven(List<PredictRequest> requests, List<String> keys, List<Optional<String>> cached,
                                 MissReads reads, FixturePredictor predictor) {
        byte[][] answers = new byte[requests.size()][];
        PredictResponse[] fresh = new PredictResponse[requests.size()];
        List<Integer> toCompute = new ArrayList<>();
        int hits = 0;
        for (int i = 0; i < requests.size(); i++) {
            Optional<String> hit = cached.get(i).filter(ReadThroughPredictor::isCachedAnswer);
            if (hit.isPresent()) {
                // the entry is the exact answer to send: copied, never parsed and encoded again
                answers[i] = hit.get().getBytes(StandardCharsets.UTF_8);
                hits++;
            } else {
                Optional<PredictionView> streamed = reads.streamed(requests.get(i).fixtureId().toString());
                streamed.ifPresent(stream::lookedUp);
                if (streamed.isPresent()) {
                    fresh[i] = PredictResponse.streamed(streamed.get());
                } else {
                    toCompute.add(i);
                }
            }
        }
        computeInto(fresh, requests, toCompute, reads, predictor);
        Map<String, String> misses = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            if (fresh[i] != null) {
                PredictResponse.Encoded encoded = fresh[i].encode();
                answers[i] = encoded.json();
                misses.put(keys.get(i), encoded.cached());
            }
        }
        if (!misses.isEmpty()) {
            cache.putAll(misses);
        }
        metrics.predictionsAnswered(RequestResult.CACHE_HIT, hits);
        metrics.predictionsAnswered(RequestResult.CACHE_MISS, requests.size() - hits);
        return answers;
    }

    private void computeInto(PredictResponse[] answers, List<PredictRequest> requests, List<Integer> indexes, MissReads reads,
                             FixturePredictor predictor) {
        if (indexes.isEmpty()) {
            return;
        }
        TeamStateSource state = reads.teamStates();
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

    /**
     * Whether a cache entry is an answer as this version writes it (a JSON object already saying
     * {@code "source":"cache"}). Anything else (corrupt, or written by an older release that stored
     * the first answer's own source) is a miss, recomputed and overwritten. A cheap check, not a
     * parse: only this app writes {@code pred:} keys.
     */
    private static boolean isCachedAnswer(String json) {
        return json.startsWith("{") && json.endsWith("}") && json.contains(CACHED_SOURCE);
    }
}
