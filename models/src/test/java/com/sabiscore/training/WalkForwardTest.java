package com.sabiscore.training;

import static com.sabiscore.training.SyntheticMatches.syntheticMatches;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.backtest.ForecastMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardTest {

    @Test
    void shouldForecastEveryValidationRowOutOfSampleAndBeatItsWeakestMember() {
        TrainingSet data = syntheticMatches().rows(8000).build();

        WalkForward.Result result = new WalkForward(SyntheticMatches.smallRecipe()).run(data, List.of("2006-07", "2007-08"));

        assertThat(result.rowIndices()).hasSize(2000);
        assertThat(result.seasons()).containsOnly("2006-07", "2007-08");
        assertThat(result.members()).containsOnlyKeys("trees", "linear", "goals");
        ForecastMetrics.Summary ensemble = result.ensembleMetrics();
        double worstMember = result.members().values().stream()
                .mapToDouble(p -> result.metrics(p).logLoss()).max().orElseThrow();
        assertThat(ensemble.logLoss()).isLessThan(worstMember);
        for (double[] p : result.ensemble()) {
            assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void shouldComeCloseToTheTrueProbabilitiesOnSyntheticMatches() {
        TrainingSet data = syntheticMatches().rows(12_000).missingShare(0).build();

        WalkForward.Result result = new WalkForward(SyntheticMatches.smallRecipe()).run(data, List.of("2011-12"));

        double[][] truth = new double[result.rowIndices().length][];
        for (int k = 0; k < truth.length; k++) {
            float[] row = data.rows()[result.rowIndices()[k]];
            truth[k] = SyntheticMatches.truth(row[0], row[1], row[3], row[4]);
        }
        double trueLoss = result.metrics(truth).logLoss();
        assertThat(result.ensembleMetrics().logLoss()).isLessThan(trueLoss + 0.02);
    }
}
