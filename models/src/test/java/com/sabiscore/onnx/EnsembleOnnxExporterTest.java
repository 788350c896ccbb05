package com.sabiscore.onnx;

import static com.sabiscore.training.SyntheticMatches.syntheticMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.sabiscore.training.EnsembleTrainer;
import com.sabiscore.training.SyntheticMatches;
import com.sabiscore.training.TrainedEnsemble;
import com.sabiscore.training.TrainingSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnsembleOnnxExporterTest {

    private static TrainedEnsemble ensemble;
    /** Rows with missing values: the trees must route them as XGBoost does. */
    private static TrainingSet checkRows;
    /** Finite rows, as the engine produces: the whole graph must reproduce the training side. */
    private static TrainingSet finiteRows;
    private static OrtSession session;

    @BeforeAll
    static void trainAndExport() throws OrtException {
        ensemble = new EnsembleTrainer(SyntheticMatches.smallRecipe()).train(syntheticMatches().rows(6000).build());
        checkRows = syntheticMatches().rows(10_000).seed(99).missingShare(0.2).build();
        finiteRows = syntheticMatches().rows(10_000).seed(98).missingShare(0).build();
        byte[] model = EnsembleOnnxExporter.export(ensemble.toDefinition(Map.of(ModelMetadata.HEAD, "test")));
        session = OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
    }

    @Test
    void shouldReproduceXgboostTreeProbabilitiesOnTenThousandRowsWithMissingValues() throws OrtException {
        float[][] xgboost = ensemble.trees().predict(checkRows.rows());

        float[][] margins = run(session, EnsembleOnnxExporter.TREE_MARGINS, checkRows);

        for (int i = 0; i < xgboost.length; i++) {
            double[] p = Stacker.softmax(toDoubles(margins[i]));
            for (int c = 0; c < 3; c++) {
                assertThat(p[c]).isCloseTo(xgboost[i][c], within(1e-5));
            }
        }
    }

    @Test
    void shouldReproduceTheTrainingSideEnsembleOnTenThousandRows() throws OrtException {
        double[][] reference = ensemble.predict(finiteRows.rows());

        float[][] onnx = run(session, ModelMetadata.OUTPUT, finiteRows);

        assertThat(onnx).hasNumberOfRows(reference.length);
        for (int i = 0; i < reference.length; i++) {
            for (int c = 0; c < 3; c++) {
                assertThat((double) onnx[i][c]).isCloseTo(reference[i][c], within(1e-5));
            }
        }
    }

    @Test
    void shouldCarryFeatureNamesAndMembersInMetadata() throws OrtException {
        Map<String, String> metadata = session.getMetadata().getCustomMetadata();

        assertThat(metadata.get(ModelMetadata.FEATURE_NAMES)).isEqualTo(String.join(",", SyntheticMatches.featureNames()));
        assertThat(metadata.get(ModelMetadata.MEMBERS)).isEqualTo("trees,linear,goals");
        assertThat(metadata.get(ModelMetadata.HEAD)).isEqualTo("test");
    }

    @Test
    void shouldReproduceTreesBoostedFromAProbabilityPrior() throws OrtException {
        TrainedEnsemble withPrior = new EnsembleTrainer(SyntheticMatches.smallRecipeWithTreePrior())
                .train(syntheticMatches().rows(5000).seed(11).build());
        byte[] model = EnsembleOnnxExporter.export(withPrior.toDefinition(Map.of()));
        float[][] xgboost = withPrior.trees().predict(finiteRows.rows());
        double[][] reference = withPrior.predict(finiteRows.rows());
        int[] prior = {0, 0, 0};
        for (int c = 0; c < 3; c++) {
            prior[c] = SyntheticMatches.featureNames().indexOf(List.of(SyntheticMatches.GOAL_HOME,
                    SyntheticMatches.GOAL_DRAW, SyntheticMatches.GOAL_AWAY).get(c));
        }

        try (OrtSession priorSession = OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions())) {
            float[][] margins = run(priorSession, EnsembleOnnxExporter.TREE_MARGINS, finiteRows);
            float[][] onnx = run(priorSession, ModelMetadata.OUTPUT, finiteRows);
            for (int i = 0; i < xgboost.length; i++) {
                float[] row = finiteRows.rows()[i];
                double[] logPrior = Stacker.logOfProbabilities(row[prior[0]], row[prior[1]], row[prior[2]]);
                double[] z = new double[3];
                for (int c = 0; c < 3; c++) {
                    z[c] = margins[i][c] + logPrior[c];
                }
                double[] p = Stacker.softmax(z);
                for (int c = 0; c < 3; c++) {
                    assertThat(p[c]).isCloseTo(xgboost[i][c], within(1e-5));
                    assertThat((double) onnx[i][c]).isCloseTo(reference[i][c], within(1e-5));
                }
            }
        }
    }

    @Test
    void shouldRefusePerClassStackerWeightsItCannotFold() {
        Stacker perClass = new Stacker(new double[][] {{1, 1, 1}, {0.5, 0.6, 0.5}, {0.2, 0.2, 0.2}}, new double[3]);
        EnsembleDefinition definition = new EnsembleDefinition(ensemble.featureNames(), ensemble.members(), perClass, Map.of());

        assertThatThrownBy(() -> EnsembleOnnxExporter.export(definition))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linear");
    }

    private static double[] toDoubles(float[] values) {
        return new double[] {values[0], values[1], values[2]};
    }

    private static float[][] run(OrtSession session, String output, TrainingSet checkRows) throws OrtException {
        float[][] rows = checkRows.rows();
        int columns = rows[0].length;
        FloatBuffer buffer = ByteBuffer.allocateDirect(rows.length * columns * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (float[] row : rows) {
            buffer.put(row);
        }
        buffer.rewind();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[] {rows.length, columns});
             OrtSession.Result result = session.run(Map.of(ModelMetadata.INPUT, input), Set.of(output))) {
            return (float[][]) result.get(0).getValue();
        }
    }
}
