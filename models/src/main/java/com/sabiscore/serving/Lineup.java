package com.sabiscore.serving;

import com.sabiscore.features.FeatureVector;
import com.sabiscore.features.TeamStateSource;
import com.sabiscore.match.Fixture;
import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.scoring.FixtureScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models serving at one moment: a champion and at most one challenger. A caller takes one
 * lineup per unit of work, so everything it scores comes from the same models.
 *
 * @param challenger null when none is served
 */
public record Lineup(ServedModel champion, ServedModel challenger) {

    /**
     * The champion's prediction and, when a challenger serves, its probabilities from the same features.
     *
     * @param challenger null when no challenger serves
     */
    public record Forecast(FixturePrediction champion, FixtureScorer.Score challenger) {
    }

    public Optional<ServedModel> challengerModel() {
        return Optional.ofNullable(challenger);
    }

    /** Champion first. */
    public List<ServedModel> models() {
        List<ServedModel> models = new ArrayList<>(2);
        models.add(champion);
        if (challenger != null) {
            models.add(challenger);
        }
        return models;
    }

    /** Scores a fixture with the champion, and with the challenger on the same features (computed once). */
    public Forecast predict(TeamStateSource state, Fixture fixture) {
        FeatureVector features = champion.predictor().engine().features(state, fixture);
        FixturePrediction prediction = champion.predictor().predict(fixture, features);
        return new Forecast(prediction, challenger == null ? null : challenger.predictor().score(features));
    }
}
