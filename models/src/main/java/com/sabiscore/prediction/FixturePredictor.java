package com.sabiscore.prediction;

import com.sabiscore.betting.BetDecision;
import com.sabiscore.betting.BetSelector;
import com.sabiscore.betting.Confidence;
import com.sabiscore.betting.ConfidenceRater;
import com.sabiscore.betting.MatchProbabilities;
import com.sabiscore.betting.ReasoningWriter;
import com.sabiscore.features.FeatureEngine;
import com.sabiscore.features.FeatureVector;
import com.sabiscore.features.TeamStateSource;
import com.sabiscore.match.Fixture;
import com.sabiscore.scoring.FixtureScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way to predict a fixture: pre-match features from the {@link FeatureEngine}, the
 * ensemble head that fits them ({@link FixtureScorer}), then bet, confidence and reasoning from
 * the betting layer. Backtest, stream and HTTP all call this, so what is evaluated is exactly
 * what is served. Pure given its inputs and thread-safe.
 */
public final class FixturePredictor implements AutoCloseable {

    private final FeatureEngine engine;
    private final FixtureScorer scorer;
    private final BetSelector bets;
    private final ConfidenceRater confidence;
    private final ReasoningWriter reasoning;

    public FixturePredictor(FeatureEngine engine, FixtureScorer scorer, BetSelector bets, ConfidenceRater confidence,
                            ReasoningWriter reasoning) {
        this.engine = engine;
        this.scorer = scorer;
        this.bets = bets;
        this.confidence = confidence;
        this.reasoning = reasoning;
    }

    /** Default engine and betting settings with the models packaged on the classpath. */
    public static FixturePredictor withDefaults() {
        FeatureEngine engine = FeatureEngine.withDefaults();
        return withDefaultRules(engine, FixtureScorer.fromClasspath(engine.featureNames(true), engine.featureNames(false)));
    }

    /** Default engine and betting settings with both heads loaded from {@code modelDirectory}. */
    public static FixturePredictor fromModelDirectory(Path modelDirectory) {
        FeatureEngine engine = FeatureEngine.withDefaults();
        return withDefaultRules(engine, FixtureScorer.fromDirectory(modelDirectory, engine.featureNames(true),
                engine.featureNames(false)));
    }

    private static FixturePredictor withDefaultRules(FeatureEngine engine, FixtureScorer scorer) {
        return new FixturePredictor(engine, scorer, BetSelector.withDefaults(), ConfidenceRater.withDefaults(),
                new ReasoningWriter());
    }

    /**
     * The same engine and betting rules with other models: how a newly published model serves. The
     * new predictor owns {@code other}; this one keeps its own scorer.
     */
    public FixturePredictor withScorer(FixtureScorer other) {
        return new FixturePredictor(engine, other, bets, confidence, reasoning);
    }

    public FeatureEngine engine() {
        return engine;
    }

    public FixtureScorer scorer() {
        return scorer;
    }

    /** Predicts from the state before kick-off, with the with-odds head when the fixture has odds. */
    public FixturePrediction predict(TeamStateSource state, Fixture fixture) {
        return predict(fixture, engine.features(state, fixture));
    }

    /** Predicts from features the engine has computed already, e.g. once for two models scoring the same fixture. */
    public FixturePrediction predict(Fixture fixture, FeatureVector features) {
        return assemble(fixture, features, scorer.score(features));
    }

    /** Home, draw and away probabilities only (renormalised as in a prediction), from the head that fits the features. */
    public FixtureScorer.Score score(FeatureVector features) {
        FixtureScorer.Score score = scorer.score(features);
        MatchProbabilities p = normalised(score);
        return new FixtureScorer.Score(p.home(), p.draw(), p.away(), score.head(), score.modelVersion());
    }

    /**
     * Predicts with a chosen head, e.g. the without-odds head on a fixture that has odds to measure
     * what the odds add. Asking for the with-odds head on a fixture without odds is an error.
     */
    public FixturePrediction predict(TeamStateSource state, Fixture fixture, FixtureScorer.Head head) {
        FeatureVector features = engine.features(state, fixture);
        return assemble(fixture, features, scorer.score(features, head));
    }

    /** Predicts many fixtures from the same state with one ONNX run per head; results in input order. */
    public List<FixturePrediction> predictBatch(TeamStateSource state, List<Fixture> fixtures) {
        List<FeatureVector> features = new ArrayList<>(fixtures.size());
        for (Fixture fixture : fixtures) {
            features.add(engine.features(state, fixture));
        }
        List<FixtureScorer.Score> scores = scorer.scoreBatch(features);
        List<FixturePrediction> predictions = new ArrayList<>(fixtures.size());
        for (int i = 0; i < fixtures.size(); i++) {
            predictions.add(assemble(fixtures.get(i), features.get(i), scores.get(i)));
        }
        return predictions;
    }

    private FixturePrediction assemble(Fixture fixture, FeatureVector features, FixtureScorer.Score score) {
        MatchProbabilities model = normalised(score);
        var context = features.context();
        BetDecision decision = bets.select(model, context.market());
        Confidence rating = confidence.rate(model, context.market());
        List<String> sentences = sentences(reasoning.write(context, model, decision));
        return new FixturePrediction(fixture.id().toString(), model.home(), model.draw(), model.away(),
                context.grid().pOver25(), context.grid().pBothTeamsScore(), decision.bet().wireName(),
                decision.stake(), rating.wireName(), sentences, score.modelVersion(), score.head().wireName(),
                features.hash());
    }

    /**
     * The reasoning text cut into sentences: after a '.', '!' or '?' and the whitespace that follows it, where a
     * capital letter starts the next one. A plain scan, since it runs for every prediction: in a JFR profile of
     * HTTP misses the regex split it replaces took more samples than the ONNX scoring.
     */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>(6);
        int start = 0;
        int i = 1;
        while (i < text.length()) {
            char before = text.charAt(i - 1);
            if ((before == '.' || before == '!' || before == '?') && isWhitespace(text.charAt(i))) {
                int next = i;
                while (next < text.length() && isWhitespace(text.charAt(next))) {
                    next++;
                }
                if (next < text.length() && text.charAt(next) >= 'A' && text.charAt(next) <= 'Z') {
                    sentences.add(text.substring(start, i));
                    start = next;
                }
                i = next;
            }
            i++;
        }
        sentences.add(text.substring(start));
        return sentences;
    }

    /** Whitespace as a regex's {@code \s} means it. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Float softmax output sums to 1 within ~1e-7; renormalising in double makes it exact. */
    private static MatchProbabilities normalised(FixtureScorer.Score score) {
        double sum = score.home() + score.draw() + score.away();
        return new MatchProbabilities(score.home() / sum, score.draw() / sum, score.away() / sum);
    }

    @Override
    public void close() {
        scorer.close();
    }
}
