package com.sabiscore.backtest;

import com.sabiscore.features.FeatureEngine;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.scoring.FixtureScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The predictors a backtest uses: one for every season (the packaged models, or one model folder),
 * or, for a walk-forward folder with one sub-folder per season, each season's own predictor whose
 * models were trained only on the seasons before it. All share the default feature engine, so one
 * state serves them all.
 */
final class SeasonModels implements AutoCloseable {

    private final FixturePredictor everySeason;
    private final Map<String, FixturePredictor> bySeason;
    private final String description;

    private SeasonModels(FixturePredictor everySeason, Map<String, FixturePredictor> bySeason, String description) {
        this.everySeason = everySeason;
        this.bySeason = bySeason;
        this.description = description;
    }

    static SeasonModels open(Path models, java.util.List<HistoricalMatch> evaluated) {
        if (models == null) {
            FixturePredictor predictor = FixturePredictor.withDefaults();
            return new SeasonModels(predictor, Map.of(), "packaged models " + version(predictor));
        }
        if (Files.exists(models.resolve(FixtureScorer.WITH_ODDS_MODEL))) {
            FixturePredictor predictor = FixturePredictor.fromModelDirectory(models);
            return new SeasonModels(predictor, Map.of(), "models " + version(predictor) + " from " + models);
        }
        TreeSet<String> seasons = new TreeSet<>();
        evaluated.forEach(m -> seasons.add(m.fixture().season()));
        Map<String, FixturePredictor> bySeason = new LinkedHashMap<>();
        try {
            for (String season : seasons) {
                Path folder = models.resolve(season);
                if (!Files.exists(folder.resolve(FixtureScorer.WITH_ODDS_MODEL))) {
                    throw new IllegalArgumentException("--models " + models + " has neither "
                            + FixtureScorer.WITH_ODDS_MODEL + " nor a walk-forward folder for season " + season);
                }
                bySeason.put(season, FixturePredictor.fromModelDirectory(folder));
            }
        } catch (RuntimeException e) {
            bySeason.values().forEach(FixturePredictor::close);
            throw e;
        }
        return new SeasonModels(null, bySeason, "walk-forward models " + seasons.first() + ".." + seasons.last()
                + " from " + models + " (each trained on earlier seasons only)");
    }

    private static String version(FixturePredictor predictor) {
        return predictor.scorer().modelVersion(FixtureScorer.Head.WITH_ODDS);
    }

    FixturePredictor forSeason(String season) {
        if (everySeason != null) {
            return everySeason;
        }
        FixturePredictor predictor = bySeason.get(season);
        if (predictor == null) {
            throw new IllegalStateException("no walk-forward model for season " + season);
        }
        return predictor;
    }

    /** The engine that updates the shared state (every predictor uses the default engine). */
    FeatureEngine engine() {
        return everySeason != null ? everySeason.engine() : bySeason.values().iterator().next().engine();
    }

    String describe() {
        return description;
    }

    @Override
    public void close() {
        if (everySeason != null) {
            everySeason.close();
        }
        bySeason.values().forEach(FixturePredictor::close);
    }
}
