package com.sabiscore.bench;

import com.sabiscore.features.FeatureVector;
import com.sabiscore.features.InMemoryTeamStates;
import com.sabiscore.match.BookPrice;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.MarketOdds;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.MatchStats;
import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.scoring.FixtureScorer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of scoring one fixture with the committed ensemble: the pre-match feature build plus the
 * ONNX run, alone and in batches of 64, and the full prediction with bet and reasoning. The state
 * is a league of 20 clubs after a full double round robin. Run through {@code bench/scoring-cost.sh}, as docs/backtest.md describes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FixtureScoringBenchmark {

    private static final int BATCH = 64;
    private static final ZoneId UK = ZoneId.of("Europe/London");

    private FixturePredictor predictor;
    private InMemoryTeamStates state;
    private List<Fixture> fixtures;
    private int next;

    @Setup(Level.Trial)
    public void warmUp() {
        predictor = FixturePredictor.withDefaults();
        state = new InMemoryTeamStates();
        List<String> clubs = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            clubs.add("Club " + c);
        }
        LocalDate day = LocalDate.of(2022, 8, 6);
        int match = 0;
        for (int home = 0; home < clubs.size(); home++) {
            for (int away = 0; away < clubs.size(); away++) {
                if (home != away) {
                    // deterministic spread of results: stronger low-numbered clubs, some draws
                    int homeGoals = (match * 7 + 20 - home) % 4;
                    int awayGoals = (match * 3 + 20 - away) % 3;
                    LocalDate played = day.plusDays(match / 10);
                    state.apply(predictor.engine(), new MatchResult(id(clubs.get(home), clubs.get(away), played), "2022-23",
                            kickoff(played), false, homeGoals, awayGoals, null, null, MatchStats.NONE));
                    match++;
                }
            }
        }
        fixtures = new ArrayList<>();
        LocalDate openingDay = LocalDate.of(2023, 8, 12);
        for (int k = 0; k < BATCH; k++) {
            double homePrice = 1.5 + (k % 9) * 0.25;
            LocalDate date = openingDay.plusDays(k);
            BookPrice average = new BookPrice("Avg", homePrice, 3.6, 1 / (0.95 - 1 / homePrice - 1 / 3.6));
            fixtures.add(new Fixture(id(clubs.get(k % 20), clubs.get((k * 7 + 3) % 20), date), "2023-24", kickoff(date), false,
                    new MarketOdds(List.of(), average, null, null, null, null, null, null)));
        }
    }

    private static FixtureId id(String home, String away, LocalDate date) {
        return new FixtureId("E0", date, home, away, 1);
    }

    /** A 15:00 kick-off, UK time, as the league files record it. */
    private static Instant kickoff(LocalDate date) {
        return date.atTime(15, 0).atZone(UK).toInstant();
    }

    @TearDown(Level.Trial)
    public void close() {
        predictor.close();
    }

    private Fixture nextFixture() {
        next = (next + 1) % BATCH;
        return fixtures.get(next);
    }

    /** Feature build + ONNX scoring of one fixture (with-odds head). */
    @Benchmark
    public FixtureScorer.Score featuresAndScoreSingle() {
        FeatureVector features = predictor.engine().features(state, nextFixture());
        return predictor.scorer().score(features);
    }

    /** Feature build + one ONNX run for 64 fixtures; reported per fixture. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<FixtureScorer.Score> featuresAndScoreBatchOf64() {
        List<FeatureVector> batch = new ArrayList<>(BATCH);
        for (Fixture fixture : fixtures) {
            batch.add(predictor.engine().features(state, fixture));
        }
        return predictor.scorer().scoreBatch(batch);
    }

    /** The pre-match feature build alone: the engine's share of the cost. */
    @Benchmark
    public FeatureVector featuresOnlySingle() {
        return predictor.engine().features(state, nextFixture());
    }

    /** ONNX scoring alone, features prepared: the model's share of the cost. */
    @Benchmark
    public FixtureScorer.Score scoreOnlySingle(PreparedFeatures prepared) {
        return predictor.scorer().score(prepared.next());
    }

    /** The whole prediction the stream serves: features, score, bet, confidence, reasoning. */
    @Benchmark
    public FixturePrediction fullPredictionSingle() {
        return predictor.predict(state, nextFixture());
    }

    /** Feature vectors computed once, cycled through. */
    @State(Scope.Thread)
    public static class PreparedFeatures {
        private final List<FeatureVector> vectors = new ArrayList<>();
        private int index;

        @Setup(Level.Trial)
        public void prepare(FixtureScoringBenchmark benchmark) {
            for (Fixture fixture : benchmark.fixtures) {
                vectors.add(benchmark.predictor.engine().features(benchmark.state, fixture));
            }
        }

        FeatureVector next() {
            index = (index + 1) % vectors.size();
            return vectors.get(index);
        }
    }
}
