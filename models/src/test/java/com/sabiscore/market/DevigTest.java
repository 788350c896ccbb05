package com.sabiscore.market;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DevigTest {

    static Stream<Arguments> books() {
        return Stream.of(
                // method, home, draw, away
                Arguments.of(Devig.POWER, 1.50, 4.20, 6.50),   // home favourite, 5.6% margin
                Arguments.of(Devig.SHIN, 1.50, 4.20, 6.50),
                Arguments.of(Devig.POWER, 5.00, 3.80, 1.70),   // away favourite
                Arguments.of(Devig.SHIN, 5.00, 3.80, 1.70),
                Arguments.of(Devig.POWER, 1.12, 8.50, 21.0),   // heavy favourite, big longshot
                Arguments.of(Devig.SHIN, 1.12, 8.50, 21.0));
    }

    @ParameterizedTest(name = "{0} {1}/{2}/{3}")
    @MethodSource("books")
    void fairProbabilitiesSumToOne(Devig method, double home, double draw, double away) {
        double[] fair = method.fromPrices(home, draw, away);

        assertThat(fair[0] + fair[1] + fair[2]).isCloseTo(1.0, within(1e-12));
        for (double p : fair) {
            assertThat(p).isBetween(0.0, 1.0);
        }
    }

    @ParameterizedTest(name = "{0} {1}/{2}/{3}")
    @MethodSource("books")
    void theMarginComesMostlyOffTheLongshot(Devig method, double home, double draw, double away) {
        double[] prices = {home, draw, away};
        double[] fair = method.fromPrices(prices);
        double booksum = 1 / home + 1 / draw + 1 / away;
        int favourite = indexOfMin(prices);
        int longshot = indexOfMax(prices);

        // proportional de-vigging would give exactly implied / booksum to every outcome
        assertThat(fair[favourite]).isGreaterThan(1 / prices[favourite] / booksum);
        assertThat(fair[longshot]).isLessThan(1 / prices[longshot] / booksum);
        // and every fair probability stays below its implied probability: the margin is only removed
        for (int i = 0; i < 3; i++) {
            assertThat(fair[i]).isLessThan(1 / prices[i]);
        }
    }

    @ParameterizedTest
    @MethodSource("books")
    void aFairBookIsLeftAlone(Devig method) {
        double[] fair = method.fromPrices(2.0, 4.0, 4.0);

        assertThat(fair).containsExactly(new double[] {0.5, 0.25, 0.25}, within(1e-9));
    }

    private static int indexOfMin(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int indexOfMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
