package com.sabiscore.scoring;

import static com.sabiscore.training.SyntheticMatches.syntheticMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sabiscore.onnx.EnsembleOnnxExporter;
import com.sabiscore.onnx.ModelMetadata;
import com.sabiscore.training.EnsembleTrainer;
import com.sabiscore.training.SyntheticMatches;
import com.sabiscore.training.TrainedEnsemble;
import com.sabiscore.training.TrainingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEnsembleScorerTest {

    private static final List<String> FEATURES = SyntheticMatches.featureNames();

    private static TrainedEnsemble ensemble;
    private static byte[] model;
    private static TrainingSet checkRows;

    @BeforeAll
    static void trainAndExport() {
        ensemble = new EnsembleTrainer(SyntheticMatches.smallRecipe()).train(syntheticMatches().rows(5000).build());
        model = EnsembleOnnxExporter.export(ensemble.toDefinition(Map.of(
                ModelMetadata.HEAD, "with_odds", ModelMetadata.MODEL_VERSION, "test-1")));
        // finite rows, as the engine produces (the exported graph leaves missing values to the trees only)
        checkRows = syntheticMatches().rows(10_000).seed(3).missingShare(0).build();
    }

    @Test
    void shouldMatchTheTrainingSideEnsembleRowByRowAndInBatches() {
        double[][] reference = ensemble.predict(checkRows.rows());
        try (OnnxEnsembleScorer scorer = OnnxEnsembleScorer.fromBytes("test", model, FEATURES)) {
            float[][] batch = scorer.scoreBatch(checkRows.rows());
            for (int i = 0; i < reference.length; i++) {
                float[] single = scorer.score(checkRows.rows()[i]);
                for (int c = 0; c < 3; c++) {
                    assertThat((double) batch[i][c]).isCloseTo(reference[i][c], within(1e-5));
                    assertThat(single[c]).isEqualTo(batch[i][c], within(1e-6f));
                }
            }
        }
    }

    @Test
    void shouldScoreAOneRowBatchExactlyAsASingleRow() {
        try (OnnxEnsembleScorer scorer = OnnxEnsembleScorer.fromBytes("test", model, FEATURES)) {
            for (int i = 0; i < 50; i++) {
                float[] row = checkRows.rows()[i];
                // the HTTP miss path scores one-row batches: bit for bit what the stream's single-row calls give
                assertThat(scorer.scoreBatch(new float[][] {row})[0]).containsExactly(scorer.score(row));
            }
        }
    }

    @Test
    void shouldGiveTheSameAnswersFromManyThreads() throws Exception {
        try (OnnxEnsembleScorer scorer = OnnxEnsembleScorer.fromBytes("test", model, FEATURES)) {
            float[][] expected = scorer.scoreBatch(checkRows.rows());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int i = offset; i < 2000; i += 4) {
                        float[] p = scorer.score(checkRows.rows()[i]);
                        if (Math.abs(p[0] - expected[i][0]) > 1e-6 || Math.abs(p[2] - expected[i][2]) > 1e-6) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
            pool.shutdown();
        }
    }

    @Test
    void shouldWaitForRunningCallsWhenClosedAndRefuseLaterOnes() throws Exception {
        OnnxEnsembleScorer scorer = OnnxEnsembleScorer.fromBytes("test", model, FEATURES);
        float[] expected = scorer.score(checkRows.rows()[0]);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch scoring = new CountDownLatch(4);
        List<Future<Integer>> callers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            callers.add(pool.submit(() -> {
                scoring.countDown();
                int answered = 0;
                while (true) {
                    float[] p;
                    try {
                        p = answered % 2 == 0 ? scorer.score(checkRows.rows()[0])
                                : scorer.scoreBatch(new float[][] {checkRows.rows()[0], checkRows.rows()[1]})[0];
                    } catch (IllegalStateException e) {
                        assertThat(e).hasMessage("model test is closed");
                        return answered;
                    }
                    // a call on a session freed under it would crash the JVM or read freed memory
                    assertThat(p).containsExactly(expected);
                    answered++;
                }
            }));
        }
        scoring.await();
        Thread.sleep(50);

        scorer.close();
        scorer.close();

        for (Future<Integer> caller : callers) {
            assertThat(caller.get(10, TimeUnit.SECONDS)).isPositive();
        }
        pool.shutdown();
        assertThatThrownBy(() -> scorer.score(checkRows.rows()[0])).hasMessage("model test is closed");
    }

    @Test
    void shouldLoadFromAPathAndReportVersionAndHead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("head.onnx");
        Files.write(file, model);

        try (OnnxEnsembleScorer scorer = OnnxEnsembleScorer.fromPath(file, FEATURES)) {
            assertThat(scorer.modelVersion()).isEqualTo("test-1");
            assertThat(scorer.head()).isEqualTo("with_odds");
            assertThat(scorer.featureNames()).isEqualTo(FEATURES);
        }
    }

    @Test
    void shouldNameMissingAndExtraFeaturesWhenTheEngineChanged() {
        List<String> engine = new ArrayList<>(FEATURES);
        engine.remove("rest_diff");
        engine.add("travel_km");

        assertThatThrownBy(() -> OnnxEnsembleScorer.fromBytes("test", model, engine))
                .isInstanceOf(FeatureListMismatchException.class)
                .hasMessageContaining("Missing from the model: [travel_km]")
                .hasMessageContaining("Extra in the model: [rest_diff]");
    }

    @Test
    void shouldNameTheFirstMisorderedPosition() {
        List<String> engine = new ArrayList<>(FEATURES);
        engine.set(1, FEATURES.get(2));
        engine.set(2, FEATURES.get(1));

        assertThatThrownBy(() -> OnnxEnsembleScorer.fromBytes("test", model, engine))
                .isInstanceOf(FeatureListMismatchException.class)
                .hasMessageContaining("position 1 is 'form_diff' in the model but 'rest_diff' in the engine");
    }

    @Test
    void shouldRejectARowOfTheWrongWidth() {
        try (OnnxEnsembleScorer scorer = OnnxEnsembleScorer.fromBytes("test", model, FEATURES)) {
            assertThatThrownBy(() -> scorer.score(new float[3])).hasMessageContaining("expected 8 features, got 3");
        }
    }
}
