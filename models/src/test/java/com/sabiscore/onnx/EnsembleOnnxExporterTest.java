package com.sabiscore.onnx;

import static com.sabiscore.training.SyntheticMatches.syntheticMatches;
import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnsembleOnnxExporterTest {

    private static TrainedEnsemble ensemble;
    private static TrainingSet checkRows;
    private static OrtSession session;

    @BeforeAll
    static void trainAndExport() throws OrtException {
        ensemble = new EnsembleTrainer(SyntheticMatches.smallRecipe()).train(syntheticMatches().rows(6000).build());
        checkRows = syntheticMatches().rows(10_000).seed(99).missingShare(0.2).build();
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

        float[][] onnxLogs = run("logp_trees");

        for (int i = 0; i < xgboost.length; i++) {
            for (int c = 0; c < 3; c++) {
                assertThat(Math.exp(onnxLogs[i][c])).isCloseTo(xgboost[i][c], within(1e-5));
            }
        }
    }

    @Test
    void shouldReproduceTheTrainingSideEnsembleOnTenThousandRows() throws OrtException {
        double[][] reference = ensemble.predict(checkRows.rows());

        float[][] onnx = run(ModelMetadata.OUTPUT);

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
        float[][] xgboost = withPrior.trees().predict(checkRows.rows());
        double[][] reference = withPrior.predict(checkRows.rows());

        try (OrtSession priorSession = OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions())) {
            float[][] onnxLogs = run(priorSession, "logp_trees");
            float[][] onnx = run(priorSession, ModelMetadata.OUTPUT);
            for (int i = 0; i < xgboost.length; i++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(Math.exp(onnxLogs[i][c])).isCloseTo(xgboost[i][c], within(1e-5));
                    assertThat((double) onnx[i][c]).isCloseTo(reference[i][c], within(1e-5));
                }
            }
        }
    }

    private float[][] run(String output) throws OrtException {
        return run(session, output);
    }

    private float[][] run(OrtSession session, String output) throws OrtException {
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
