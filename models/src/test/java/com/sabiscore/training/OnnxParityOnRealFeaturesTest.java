package com.sabiscore.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.data.RealHistory;
import com.sabiscore.features.FeatureEngine;
import com.sabiscore.onnx.EnsembleOnnxExporter;
import com.sabiscore.scoring.OnnxEnsembleScorer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exported graph against the training side on real feature vectors: seven seasons of the five
 * leagues (2017-18..2023-24, about 12,000 fixtures) replayed through the {@link FeatureEngine}
 * exactly as {@code train} does, each head trained with its production recipe on the first three
 * of them (one season held back for the stacker instead of three, to keep the test quick), then
 * every row scored by ONNX Runtime and by the Java ensemble.
 */
class OnnxParityOnRealFeaturesTest {

    private static List<FixtureHistory.FeaturedMatch> history;
    private static FeatureEngine engine;

    @BeforeAll
    static void replay() throws IOException {
        engine = FeatureEngine.withDefaults();
        history = FixtureHistory.replay(engine,
                HistoryLoader.load(RealHistory.football(), Set.of(), SeasonRange.parse("2017-2024")));
    }

    @ParameterizedTest(name = "head {0}")
    @ValueSource(ints = {0, 1})
    void onnxRuntimeReproducesTheTrainedEnsembleOnTenThousandRealRows(int head) {
        TrainCommand.HeadPlan plan = TrainCommand.HeadPlan.both(engine).get(head);
        TrainingSet rows = plan.trainingSet(history.stream().filter(plan.rowFilter()).toList());
        EnsembleRecipe production = plan.recipe();
        EnsembleRecipe quick = new EnsembleRecipe(production.recencyHalfLife(), production.trees(), production.treePrior(),
                production.linearL2(), production.logFeatures(), production.probabilityMembers(), 1);
        List<String> firstSeasons = rows.seasonLabels().subList(0, 3);
        TrainedEnsemble ensemble = new EnsembleTrainer(quick).train(rows.seasons(firstSeasons::contains));
        byte[] model = EnsembleOnnxExporter.export(ensemble.toDefinition(Map.of()));

        double[][] reference = ensemble.predict(rows.rows());
        float[][] onnx;
        try (OnnxEnsembleScorer scorer = OnnxEnsembleScorer.fromBytes(plan.file(), model, plan.featureNames())) {
            onnx = scorer.scoreBatch(rows.rows());
        } finally {
            ensemble.trees().booster().dispose();
        }

        assertThat(rows.size()).isGreaterThanOrEqualTo(10_000);
        for (int i = 0; i < reference.length; i++) {
            for (int c = 0; c < 3; c++) {
                assertThat((double) onnx[i][c]).as("row %d class %d", i, c).isCloseTo(reference[i][c], within(1e-5));
            }
        }
    }
}
