package com.sabiscore.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sabiscore.match.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTableTest {

    @Test
    void shouldSetEachBinsMeanForecastAgainstHowOftenTheOutcomeHappened() {
        CalibrationTable table = new CalibrationTable(10);

        table.add(new double[] {0.62, 0.25, 0.13}, Outcome.HOME);
        table.add(new double[] {0.68, 0.22, 0.10}, Outcome.DRAW);
        table.add(new double[] {0.64, 0.21, 0.15}, Outcome.HOME);

        List<CalibrationTable.Bin> home = table.bins().stream().filter(b -> b.outcome() == Outcome.HOME).toList();
        assertThat(home).hasSize(1);
        assertThat(home.get(0).lower()).isEqualTo(0.6);
        assertThat(home.get(0).count()).isEqualTo(3);
        assertThat(home.get(0).meanForecast()).isCloseTo((0.62 + 0.68 + 0.64) / 3, within(1e-12));
        assertThat(home.get(0).observedRate()).isCloseTo(2 / 3.0, within(1e-12));
        List<CalibrationTable.Bin> draw = table.bins().stream().filter(b -> b.outcome() == Outcome.DRAW).toList();
        assertThat(draw).extracting(CalibrationTable.Bin::count).containsExactly(3L);
        assertThat(draw.get(0).observedRate()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void shouldPutACertainForecastInTheTopBin() {
        CalibrationTable table = new CalibrationTable(10);

        table.add(new double[] {1.0, 0.0, 0.0}, Outcome.HOME);

        assertThat(table.bins()).filteredOn(b -> b.outcome() == Outcome.HOME)
                .extracting(CalibrationTable.Bin::upper).containsExactly(1.0);
    }
}
