package com.sabiscore.scoring;

import com.sabiscore.features.FeatureVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores fixtures with the right ensemble head: the with-odds head when the fixture has a usable
 * market, the without-odds head otherwise. Both heads are loaded once and verified against the
 * engine's feature lists. Thread-safe.
 */
public final class FixtureScorer implements AutoCloseable {

    /** File and classpath-resource name of the with-odds head. */
    public static final String WITH_ODDS_MODEL = "sabiscore-odds.onnx";
    /** File and classpath-resource name of the without-odds head. */
    public static final String WITHOUT_ODDS_MODEL = "sabiscore-no-odds.onnx";

    /** Which head scored a fixture. */
    public enum Head {
        WITH_ODDS("with_odds"), WITHOUT_ODDS("without_odds");

        private final String wireName;

        Head(String wireName) {
            this.wireName = wireName;
        }

        /** {@code with_odds} / {@code without_odds}, as in predictions and model metadata. */
        public String wireName() {
            return wireName;
        }
    }

    /** Home, draw and away probabilities and where they came from. */
    public record Score(double home, double draw, double away, Head head, String modelVersion) {
    }

    private final OnnxEnsembleScorer withOdds;
    private final OnnxEnsembleScorer withoutOdds;

    public FixtureScorer(OnnxEnsembleScorer withOdds, OnnxEnsembleScorer withoutOdds) {
        this.withOdds = withOdds;
        this.withoutOdds = withoutOdds;
    }

    /**
     * Loads both heads packaged at the classpath root (the committed {@code models/*.onnx}).
     *
     * @param withOddsFeatures    the engine's with-odds feature names, in order
     * @param withoutOddsFeatures the engine's without-odds feature names, in order
     */
    public static FixtureScorer fromClasspath(List<String> withOddsFeatures, List<String> withoutOddsFeatures) {
        OnnxEnsembleScorer odds = OnnxEnsembleScorer.fromClasspath(WITH_ODDS_MODEL, withOddsFeatures);
        try {
            return new FixtureScorer(odds, OnnxEnsembleScorer.fromClasspath(WITHOUT_ODDS_MODEL, withoutOddsFeatures));
        } catch (RuntimeException e) {
            odds.close();
            throw e;
        }
    }

    /** Loads {@value #WITH_ODDS_MODEL} and {@value #WITHOUT_ODDS_MODEL} from a directory. */
    public static FixtureScorer fromDirectory(Path directory, List<String> withOddsFeatures,
                                              List<String> withoutOddsFeatures) {
        OnnxEnsembleScorer odds = OnnxEnsembleScorer.fromPath(directory.resolve(WITH_ODDS_MODEL), withOddsFeatures);
        try {
            return new FixtureScorer(odds,
                    OnnxEnsembleScorer.fromPath(directory.resolve(WITHOUT_ODDS_MODEL), withoutOddsFeatures));
        } catch (RuntimeException e) {
            odds.close();
            throw e;
        }
    }

    /** The head {@link #score(FeatureVector)} picks for this vector. */
    public static Head headFor(FeatureVector features) {
        return features.hasOdds() ? Head.WITH_ODDS : Head.WITHOUT_ODDS;
    }

    /** Scores with the with-odds head when the fixture has odds, else the without-odds head. */
    public Score score(FeatureVector features) {
        return score(features, headFor(features));
    }

    /**
     * Scores with a chosen head, e.g. the without-odds head on a fixture that has odds, to compare.
     * The with-odds head refuses a fixture without odds: its market inputs would be imputed guesses.
     */
    public Score score(FeatureVector features, Head head) {
        OnnxEnsembleScorer scorer = scorerFor(features, head);
        float[] p = scorer.score(inputOf(features, head));
        return new Score(p[0], p[1], p[2], head, scorer.modelVersion());
    }

    /** Scores many fixtures with one ONNX run per head; results in input order. */
    public List<Score> scoreBatch(List<FeatureVector> batch) {
        return scoreBatch(batch, null);
    }

    /**
     * Batch scoring with every fixture sent to {@code head}, or, when {@code head} is null, to the
     * head {@link #headFor} picks.
     */
    public List<Score> scoreBatch(List<FeatureVector> batch, Head head) {
        List<Integer> oddsRows = new ArrayList<>();
        List<Integer> plainRows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Head chosen = head == null ? headFor(batch.get(i)) : head;
            scorerFor(batch.get(i), chosen);
            (chosen == Head.WITH_ODDS ? oddsRows : plainRows).add(i);
        }
        Score[] scores = new Score[batch.size()];
        scoreRows(batch, oddsRows, Head.WITH_ODDS, scores);
        scoreRows(batch, plainRows, Head.WITHOUT_ODDS, scores);
        return List.of(scores);
    }

    private void scoreRows(List<FeatureVector> batch, List<Integer> rows, Head head, Score[] into) {
        if (rows.isEmpty()) {
            return;
        }
        OnnxEnsembleScorer scorer = head == Head.WITH_ODDS ? withOdds : withoutOdds;
        float[][] inputs = new float[rows.size()][];
        for (int k = 0; k < rows.size(); k++) {
            inputs[k] = inputOf(batch.get(rows.get(k)), head);
        }
        float[][] probabilities = scorer.scoreBatch(inputs);
        for (int k = 0; k < rows.size(); k++) {
            float[] p = probabilities[k];
            into[rows.get(k)] = new Score(p[0], p[1], p[2], head, scorer.modelVersion());
        }
    }

    private OnnxEnsembleScorer scorerFor(FeatureVector features, Head head) {
        if (head == Head.WITH_ODDS) {
            if (!features.hasOdds()) {
                throw new IllegalArgumentException("the with-odds head needs a fixture with odds: " + features.context().homeTeam()
                        + " v " + features.context().awayTeam());
            }
            return withOdds;
        }
        return withoutOdds;
    }

    private static float[] inputOf(FeatureVector features, Head head) {
        return head == Head.WITH_ODDS ? features.withOdds() : features.withoutOdds();
    }

    /** Model version of a head, from its metadata. */
    public String modelVersion(Head head) {
        return (head == Head.WITH_ODDS ? withOdds : withoutOdds).modelVersion();
    }

    /** The underlying scorer of a head (feature names, metadata). */
    public OnnxEnsembleScorer scorer(Head head) {
        return head == Head.WITH_ODDS ? withOdds : withoutOdds;
    }

    @Override
    public void close() {
        withOdds.close();
        withoutOdds.close();
    }
}
