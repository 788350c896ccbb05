package com.sabiscore.betting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedPointTest {

    @Test
    void writesWhatFormatterWritesForEdgeCases() {
        double[] values = {0, -0.0, 1.005, 0.125, 2.5, 3.5, -2.5, 0.045, 1.115, 99.995, -0.04, -0.0001, 1e-9,
                62.0, 37.49999999, 0.5, 1.45, 12345.675, 1e16, -1e16, 1_999.9996,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double value : values) {
            for (int decimals = 0; decimals <= 3; decimals++) {
                assertThat(fixed(value, decimals)).as("%s with %d decimals", value, decimals)
                        .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", value));
            }
        }
    }

    @Test
    void writesWhatFormatterWritesForProbabilitiesPricesAndRatings() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> 100 * random.nextDouble();                 // percentages
                case 1 -> 1 + 20 * random.nextDouble();              // prices
                case 2 -> 1_200 + 800 * random.nextDouble();         // Elo
                default -> Math.round(random.nextDouble(-1, 1) * 10_000) / 1_000.0;  // halves on the grid
            };
            int decimals = i % 3;
            assertThat(fixed(value, decimals)).as("%s with %d decimals", value, decimals)
                    .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", value));
        }
    }

    private static String fixed(double value, int decimals) {
        return FixedPoint.append(new StringBuilder(), value, decimals).toString();
    }
}
