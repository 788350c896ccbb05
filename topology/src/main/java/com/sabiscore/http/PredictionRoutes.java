package com.sabiscore.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.data.TeamNames;
import com.sabiscore.features.TeamState;
import com.sabiscore.match.Competition;
import com.sabiscore.match.FixtureId;
import com.sabiscore.query.PredictionQueryService;
import com.sabiscore.query.PredictionView;
import com.sabiscore.query.Served;
import com.sabiscore.query.TeamView;
import io.netty.handler.codec.http.HttpMethod;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The public API: streamed predictions, team ratings and the classic predict contract. A
 * prediction this instance holds and a predict request Redis has cached are answered without
 * a worker thread; anything that may block (a forward to another instance, a rebalance wait, an
 * on-demand computation, a scan) runs on the worker pool.
 */
public final class PredictionRoutes {

    /** Longest date range one competition query may span: a season and a bit. */
    private static final long MAX_RANGE_DAYS = 400;

    private final StreamBinding stream;
    private final ReadThroughPredictor predictor;
    private final int maxBatchSize;
    private final PredictionAnswers answers;

    public PredictionRoutes(StreamBinding stream, ReadThroughPredictor predictor, int maxBatchSize, PredictionAnswers answers) {
        this.stream = stream;
        this.answers = answers;
        this.predictor = predictor;
        this.maxBatchSize = maxBatchSize;
    }

    public void register(RouteTable routes) {
        routes.async(HttpMethod.GET, "/api/v1/predictions/{fixtureId}", request -> prediction(request, routes))
                .async(HttpMethod.POST, "/api/v1/predict", request -> predict(request, routes))
                .blocking(HttpMethod.GET, "/api/v1/predictions", this::competitionPredictions)
                .blocking(HttpMethod.GET, "/api/v1/teams/{competition}/{team}", this::team)
                .blocking(HttpMethod.POST, "/api/v1/predict/batch", this::predictBatch);
    }

    /**
     * A kept answer or the local store at once when this instance holds the fixture; else on a
     * worker (forward, rebalance wait).
     */
    private CompletionStage<Answer> prediction(Request request, RouteTable routes) {
        String fixtureId = request.pathParam("fixtureId");
        // only a valid id is ever kept, so a kept answer needs no parse (a tenth of a GET's CPU)
        PredictionAnswers.Kept kept = answers.kept(fixtureId);
        if (kept != null && stream.hostsActiveCopy(fixtureId)) {
            return CompletableFuture.completedFuture(answered(kept));
        }
        FixtureId id;
        try {
            id = FixtureId.parse(fixtureId);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.invalid(e.getMessage());
        }
        if (!ServedYears.contain(id.date())) {
            throw RequestRejected.invalid("the date of fixture id '" + PlainText.excerpt(fixtureId) + "' " + ServedYears.outside());
        }
        PredictionQueryService queries = stream.queries();
        long storeChanges = answers.storeChanges();
        Optional<Served<PredictionView>> local = queries.predictionIfLocal(fixtureId);
        if (local.isPresent()) {
            return CompletableFuture.completedFuture(answered(answers.keep(local.get(), storeChanges)));
        }
        return CompletableFuture.supplyAsync(() -> answer(queries.prediction(fixtureId)), routes.workers());
    }

    private Answer answered(PredictionAnswers.Kept kept) {
        stream.lookedUp(kept.prediction());
        return kept.answer();
    }

    private Answer answer(Served<PredictionView> served) {
        stream.lookedUp(served.value());
        return Answer.json(answers.json(served));
    }

    private Answer competitionPredictions(Request request) {
        Competition competition = competition(QueryParams.required(request, "competition"));
        LocalDate from = QueryParams.date(request, "from");
        LocalDate to = QueryParams.date(request, "to");
        if (to.isBefore(from)) {
            throw RequestRejected.invalid("to (" + to + ") is before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_RANGE_DAYS) {
            throw RequestRejected.invalid("from..to spans more than " + MAX_RANGE_DAYS + " days: ask for a shorter range");
        }
        return Answer.json(stream.queries().predictions(competition.code(), from, to));
    }

    private Answer team(Request request) {
        Competition competition = competition(request.pathParam("competition"));
        String team = TeamNames.canonical(request.pathParam("team"));
        Served<TeamState> served = stream.queries().teamState(competition.code(), team);
        return Answer.json(new TeamAnswer(TeamView.of(competition.code(), team, served.value()), served.servedBy(), served.stale()));
    }

    /**
     * A cache hit is answered when Redis answers, holding no thread; a miss is computed on this
     * request's event loop when the competition is hosted here, else on a worker.
     */
    private CompletionStage<Answer> predict(Request request, RouteTable routes) {
        PredictRequest predictRequest = PredictRequest.parse(BodyReader.json(request), "");
        return predictor.predictAsync(predictRequest, request.eventLoop(), routes.workers()).thenApply(Answer::json);
    }

    private Answer predictBatch(Request request) {
        JsonNode body = BodyReader.json(request);
        if (!body.isArray()) {
            throw RequestRejected.malformed("the request body must be a JSON array of predict requests");
        }
        if (body.isEmpty()) {
            throw RequestRejected.invalid("the batch is empty");
        }
        if (body.size() > maxBatchSize) {
            throw RequestRejected.invalid("the batch has " + body.size() + " requests; at most " + maxBatchSize + " are allowed");
        }
        List<PredictRequest> requests = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            requests.add(PredictRequest.parse(body.get(i), "[" + i + "]."));
        }
        return Answer.json(predictor.predictBatch(requests));
    }

    /** The competition a code or name stands for; an unknown one is a 400 naming it. */
    static Competition competition(String codeOrName) {
        return Competition.parse(codeOrName).orElseThrow(() -> RequestRejected.invalid(
                "competition '" + PlainText.excerpt(codeOrName) + "' is unknown: use a code such as E0 or a name such as Premier League"));
    }
}
