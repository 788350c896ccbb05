package com.sabiscore.faults;

import com.sabiscore.match.Fixture;
import com.sabiscore.match.MatchTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The requests a client sends, in chosen proportions, about fixtures a feed has published so far:
 * a prediction by id, a team, a range of a competition, the predict contract (73 % of it
 * repeating earlier questions, as a cache sees it), a batch of it, and {@code /ready}.
 */
final class RequestMix implements Supplier<HttpExchange.Request> {

    /** A kind of request. */
    enum Kind { PREDICTION, TEAM, RANGE, PREDICT, PREDICT_BATCH, READY }

    /** Share of predict requests asking again what was asked before (a cache hit). */
    private static final double REPEATED_PREDICTS = 0.73;
    private static final int REPEATED_POOL = 100;
    private static final int BATCH_SIZE = 10;

    private final List<Fixture> fixtures = new ArrayList<>();
    /** For each event of the timeline, how many fixtures were published up to it. */
    private final int[] fixturesUpTo;
    private final LongSupplier published;
    private final Kind[] draw;

    /**
     * @param events    the timeline the feed publishes
     * @param published how many of its events are published now
     * @param weights   relative share of each kind
     */
    RequestMix(List<MatchTimeline.Event> events, LongSupplier published, Map<Kind, Integer> weights) {
        this.fixturesUpTo = new int[events.size() + 1];
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind() == MatchTimeline.Kind.FIXTURE) {
                fixtures.add(events.get(i).match().fixture());
            }
            fixturesUpTo[i + 1] = fixtures.size();
        }
        this.published = published;
        List<Kind> kinds = new ArrayList<>();
        weights.forEach((kind, weight) -> {
            for (int w = 0; w < weight; w++) {
                kinds.add(kind);
            }
        });
        this.draw = kinds.toArray(Kind[]::new);
    }

    @Override
    public HttpExchange.Request get() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int known = fixturesUpTo[(int) Math.min(published.getAsLong(), fixturesUpTo.length - 1)];
        Kind kind = known == 0 ? Kind.READY : draw[random.nextInt(draw.length)];
        return switch (kind) {
            case PREDICTION -> HttpExchange.Request.prediction(fixture(known).id().toString());
            case TEAM -> {
                Fixture f = fixture(known);
                yield HttpExchange.Request.get("/api/v1/teams/" + f.competition() + "/" + HttpExchange.Request.pathSegment(f.homeTeam()));
            }
            case RANGE -> {
                Fixture f = fixture(known);
                String day = f.kickoff().atZone(ZoneOffset.UTC).toLocalDate().toString();
                yield HttpExchange.Request.get("/api/v1/predictions?competition=" + f.competition() + "&from=" + day + "&to=" + day);
            }
            case PREDICT -> HttpExchange.Request.post("/api/v1/predict", predictBody(known));
            case PREDICT_BATCH -> {
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < BATCH_SIZE; i++) {
                    bodies.add(predictBody(known));
                }
                yield HttpExchange.Request.post("/api/v1/predict/batch", "[" + String.join(",", bodies) + "]");
            }
            case READY -> HttpExchange.Request.get("/ready");
        };
    }

    /** A fixture id of the last {@code known} published fixtures, at random. */
    String fixtureId() {
        int known = fixturesUpTo[(int) Math.min(published.getAsLong(), fixturesUpTo.length - 1)];
        return known == 0 ? null : fixture(known).id().toString();
    }

    private Fixture fixture(int known) {
        return fixtures.get(ThreadLocalRandom.current().nextInt(known));
    }

    /** Predict questions: most repeat one of the first fixtures, the rest ask about a new kick-off time. */
    private String predictBody(int known) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean repeat = random.nextDouble() < REPEATED_PREDICTS;
        Fixture f = repeat ? fixtures.get(random.nextInt(Math.min(known, REPEATED_POOL))) : fixture(known);
        Instant kickoff = repeat ? f.kickoff() : f.kickoff().plus(Duration.ofMinutes(random.nextInt(1, 1_000_000)));
        return "{\"home_team\":\"" + f.homeTeam() + "\",\"away_team\":\"" + f.awayTeam() + "\",\"league\":\"" + f.competition()
                + "\",\"kickoff_time\":\"" + kickoff + "\"}";
    }
}
