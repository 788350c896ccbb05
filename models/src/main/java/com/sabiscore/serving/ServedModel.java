package com.sabiscore.serving;

import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.scoring.FixtureScorer;

/**
 * A model loaded and checked, ready to serve in a role.
 *
 * @param version   the release version (what its predictions carry)
 * @param source    where it came from: {@value #PUBLISHED}, or the instance's own models (classpath or {@code model.dir})
 * @param predictor the predictor scoring with it
 */
public record ServedModel(String version, String source, FixturePredictor predictor) {

    /** {@link #source()} of a release read from the models topic. */
    public static final String PUBLISHED = "published";

    /** A predictor's models as one served model: its version is the heads' version (both, when they differ). */
    public static ServedModel of(FixturePredictor predictor, String source) {
        String odds = predictor.scorer().modelVersion(FixtureScorer.Head.WITH_ODDS);
        String plain = predictor.scorer().modelVersion(FixtureScorer.Head.WITHOUT_ODDS);
        return new ServedModel(odds.equals(plain) ? odds : odds + "+" + plain, source, predictor);
    }
}
