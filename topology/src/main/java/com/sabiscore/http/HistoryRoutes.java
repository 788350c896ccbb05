package com.sabiscore.http;

import com.sabiscore.data.TeamNames;
import com.sabiscore.match.Competition;
import com.sabiscore.query.CompetitionPredictions;
import com.sabiscore.query.MatchHistory;
import com.sabiscore.query.MatchHistory.FinishedMatch;
import com.sabiscore.query.MatchHistory.RatingPoint;
import com.sabiscore.query.PredictionView;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The routes the web page reads beside the predictions: the competitions and how far each one's
 * stream has got, a competition's latest results with what was predicted for them, and a club's
 * rating history. They answer from what this instance's stream applied ({@link MatchHistory}).
 */
public final class HistoryRoutes {

    /** Results one request may ask for. */
    private static final int MAX_RESULTS = 100;
    private static final int DEFAULT_RESULTS = 20;

    /**
     * A competition the API serves.
     *
     * @param reached the newest event time its stream has reached on this instance; absent before any
     */
    record CompetitionView(String code, String name, String country, String reached) {
    }

    /** A played match with the last prediction made before it (absent when none was). */
    record ResultView(FinishedMatch match, PredictionView prediction) {
    }

    record Results(String competition, List<ResultView> results) {
    }

    record RatingHistory(String competition, String team, List<RatingPoint> points) {
    }

    private final StreamBinding stream;
    private final MatchHistory history;

    public HistoryRoutes(StreamBinding stream, MatchHistory history) {
        this.stream = stream;
        this.history = history;
    }

    public void register(RouteTable routes) {
        routes.inline(HttpMethod.GET, "/api/v1/competitions", request -> Answer.json(competitions()))
                .blocking(HttpMethod.GET, "/api/v1/results", this::results)
                .inline(HttpMethod.GET, "/api/v1/teams/{competition}/{team}/history", this::ratings);
    }

    private List<CompetitionView> competitions() {
        List<CompetitionView> all = new ArrayList<>();
        for (Competition competition : Competition.values()) {
            all.add(new CompetitionView(competition.code(), competition.commonName(), competition.country(),
                    history.reached(competition.code()).map(Instant::toString).orElse(null)));
        }
        return all;
    }

    /** The latest results, each with the prediction the store holds for it (the last one made before kick-off). */
    private Answer results(Request request) {
        Competition competition = PredictionRoutes.competition(QueryParams.required(request, "competition"));
        int limit = limit(request);
        List<FinishedMatch> latest = history.latestResults(competition.code(), limit);
        Map<String, PredictionView> predicted = Map.of();
        if (!latest.isEmpty()) {
            LocalDate to = dateOf(latest.get(0).kickoff()).plusDays(1);
            LocalDate from = dateOf(latest.get(latest.size() - 1).kickoff()).minusDays(1);
            CompetitionPredictions predictions = stream.queries().predictions(competition.code(), from, to);
            predicted = predictions.predictions().stream()
                    .collect(Collectors.toMap(PredictionView::fixtureId, Function.identity(), (a, b) -> a));
        }
        List<ResultView> results = new ArrayList<>(latest.size());
        for (FinishedMatch match : latest) {
            results.add(new ResultView(match, predicted.get(match.fixtureId())));
        }
        return Answer.json(new Results(competition.code(), results));
    }

    private Answer ratings(Request request) {
        Competition competition = PredictionRoutes.competition(request.pathParam("competition"));
        String team = TeamNames.canonical(request.pathParam("team"));
        return Answer.json(new RatingHistory(competition.code(), team, history.ratings(competition.code(), team)));
    }

    private static int limit(Request request) {
        String value = request.queryParam("limit");
        if (value == null) {
            return DEFAULT_RESULTS;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_RESULTS) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below with the allowed range
        }
        throw RequestRejected.invalid("limit '" + PlainText.excerpt(value) + "' must be a whole number from 1 to " + MAX_RESULTS);
    }

    private static LocalDate dateOf(String instant) {
        return Instant.parse(instant).atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
