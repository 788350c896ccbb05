package com.sabiscore.betting;

import com.sabiscore.market.Devig;
import com.sabiscore.market.MarketView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;

class ConfidenceRaterTest {

    private final ConfidenceRater rater = ConfidenceRater.withDefaults();

    @ParameterizedTest(name = "model {0}/{1}/{2}, market prices {3}/{4}/{5} -> {6}")
    @CsvSource({
            // clear favourite and the market agrees (market about 0.62/0.22/0.16)
            "0.63, 0.22, 0.15, 1.55, 4.30, 6.00, HIGH",
            // clear favourite but the market sees a much closer match
            "0.63, 0.22, 0.15, 2.30, 3.30, 3.20, LOW",
            // agreement, but only a moderate margin (0.50 - 0.27 = 0.23 is HIGH; 0.45 - 0.30 = 0.15 is not)
            "0.45, 0.30, 0.25, 2.10, 3.20, 3.80, MEDIUM",
            // a coin flip between home and away is LOW whatever the market says
            "0.38, 0.24, 0.38, 2.55, 4.00, 2.55, LOW"
    })
    void ratesMarginAndMarketAgreement(double home, double draw, double away,
                                      double priceHome, double priceDraw, double priceAway, Confidence expected) {
        MarketView market = MarketView.of(aMatch().odds(priceHome, priceDraw, priceAway).fixture().odds(), Devig.POWER);

        assertThat(rater.rate(new MatchProbabilities(home, draw, away), market)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "model {0}/{1}/{2} without a market -> {3}")
    @CsvSource({
            "0.80, 0.12, 0.08, MEDIUM",   // nothing confirms even a strong pick
            "0.40, 0.35, 0.25, LOW"       // narrow margin
    })
    void withoutAMarketNothingIsHigh(double home, double draw, double away, Confidence expected) {
        assertThat(rater.rate(new MatchProbabilities(home, draw, away), MarketView.NONE)).isEqualTo(expected);
    }
}
