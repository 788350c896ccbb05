package com.sabiscore.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.data.TeamNames;
import com.sabiscore.features.TeamState;
import com.sabiscore.match.Competition;
import com.sabiscore.match.FixtureId;
import com.sabiscore.query.PredictionView;
import com.sabiscore.query.Served;
import com.sabiscore.query.TeamView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The public API: streamed predictions, team ratings and the seed's predict contract. */
final class PredictionRoutes {

    /** Longest date range one competition query may span: a season and a bit. */
    private static final long MAX_RANGE_DAYS = 400;

    private final StreamBinding stream;
    private final ReadThroughPredictor predictor;
    private final BodyReader bodies;
    private final int maxBatchSize;
    private final PredictionAnswers answers;

    PredictionRoutes(StreamBinding stream, ReadThroughPredictor predictor, BodyReader bodies, int maxBatchSize,
                     PredictionAnswers answers) {
        this.stream = stream;
        this.answers = answers;
        this.predictor = predictor;
        this.bodies = bodies;
        this.maxBatchSize = maxBatchSize;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/predictions/{fixtureId}", this::prediction);
        routes.get("/api/v1/predictions", this::competitionPredictions);
        routes.get("/api/v1/teams/{competition}/{team}", this::team);
        routes.post("/api/v1/predict", this::predict);
        routes.post("/api/v1/predict/batch", this::predictBatch);
    }

    private void prediction(Context ctx) {
        String fixtureId = ctx.pathParam("fixtureId");
        try {
            FixtureId.parse(fixtureId);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.invalid(e.getMessage());
        }
        Served<PredictionView> served = stream.queries().prediction(fixtureId);
        stream.lookedUp(served.value());
        JsonResponses.send(ctx, answers.json(served));
    }

    private void competitionPredictions(Context ctx) {
        Competition competition = competition(QueryParams.required(ctx, "competition"));
        LocalDate from = QueryParams.date(ctx, "from");
        LocalDate to = QueryParams.date(ctx, "to");
        if (to.isBefore(from)) {
            throw RequestRejected.invalid("to (" + to + ") is before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_RANGE_DAYS) {
            throw RequestRejected.invalid("from..to spans more than " + MAX_RANGE_DAYS + " days: ask for a shorter range");
        }
        ctx.json(stream.queries().predictions(competition.code(), from, to));
    }

    private void team(Context ctx) {
        Competition competition = competition(ctx.pathParam("competition"));
        String team = TeamNames.canonical(ctx.pathParam("team"));
        Served<TeamState> served = stream.queries().teamState(competition.code(), team);
        ctx.json(new TeamAnswer(TeamView.of(competition.code(), team, served.value()), served.servedBy(), served.stale()));
    }

    private void predict(Context ctx) {
        PredictRequest request = PredictRequest.parse(bodies.json(ctx), "");
        JsonResponses.send(ctx, predictor.predict(request));
    }

    private void predictBatch(Context ctx) {
        JsonNode body = bodies.json(ctx);
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
        JsonResponses.send(ctx, predictor.predictBatch(requests));
    }

    private static Competition competition(String codeOrName) {
        return Competition.parse(codeOrName).orElseThrow(() -> RequestRejected.invalid(
                "competition '" + codeOrName + "' is unknown: use a code such as E0 or a name such as Premier League"));
    }
}
