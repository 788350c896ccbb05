package com.sabiscore.betting;

import com.sabiscore.market.Devig;
import com.sabiscore.market.MarketView;
import com.sabiscore.match.MatchBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BetSelectorTest {

    private final BetSelector selector = BetSelector.withDefaults();

    @ParameterizedTest(name = "model {0}/{1}/{2} at best {3}/{4}/{5} -> {6} staking {7}")
    @CsvSource({
            // value on the home win: EV 0.55 x 2.10 - 1 = 0.155, quarter Kelly 0.155 / 1.10 / 4 = 0.0352
            "0.55, 0.25, 0.20, 2.10, 3.40, 4.00, home_win, 0.035227",
            // a big edge is capped at 5% of the bankroll (quarter Kelly would be 10%)
            "0.70, 0.20, 0.10, 2.00, 3.30, 4.50, home_win, 0.05",
            // two outcomes have value: the draw's EV (0.30 x 3.80 - 1 = 0.14) beats the away win's (0.04)
            "0.40, 0.30, 0.30, 2.30, 3.80, 3.47, draw, 0.0125",
            // every EV below the 3% edge: 0.50 x 2.05 - 1 = 0.025
            "0.50, 0.27, 0.23, 2.05, 3.50, 4.20, no_bet, 0",
            // the market prices the favourite fairly and the rest short: nothing to back
            "0.45, 0.28, 0.27, 2.10, 3.40, 3.50, no_bet, 0",
            // the only value is a longshot above the 8.0 price limit
            "0.70, 0.18, 0.12, 1.40, 4.50, 9.50, no_bet, 0"
    })
    void backsTheHighestExpectedValueAboveTheEdge(double home, double draw, double away,
                                                   double priceHome, double priceDraw, double priceAway,
                                                   String bet, double stake) {
        BetDecision decision = selector.select(new MatchProbabilities(home, draw, away),
                bestPrices(priceHome, priceDraw, priceAway));

        assertThat(decision.bet().wireName()).isEqualTo(bet);
        assertThat(decision.stake()).isCloseTo(stake, within(1e-6));
        assertThat(decision.reason()).isNotBlank();
        if (decision.isBet()) {
            double price = decision.price();
            double p = new MatchProbabilities(home, draw, away).of(decision.bet().outcome().orElseThrow());
            assertThat(decision.expectedValue()).isCloseTo(p * price - 1, within(1e-12));
        } else {
            assertThat(decision.price()).isNull();
        }
    }

    @Test
    void theBestPriceAcrossBooksIsTheOneValued() {
        MarketView market = MarketView.of(aMatch().odds(2.00, 3.40, 3.80)
                .book("B365", 1.95, 3.40, 3.75).book("PS", 2.20, 3.45, 3.90).fixture().odds(), Devig.POWER);

        BetDecision decision = selector.select(new MatchProbabilities(0.50, 0.27, 0.23), market);

        assertThat(decision.bet()).isEqualTo(Bet.HOME_WIN);
        assertThat(decision.price()).isEqualTo(2.20);
    }

    @Test
    void withoutPricesOnlyAConfidentFavouriteIsBackedAtTheFlatStake() {
        BetDecision confident = selector.select(new MatchProbabilities(0.72, 0.18, 0.10), MarketView.NONE);
        BetDecision unsure = selector.select(new MatchProbabilities(0.48, 0.27, 0.25), MarketView.NONE);

        assertThat(confident.bet()).isEqualTo(Bet.HOME_WIN);
        assertThat(confident.stake()).isEqualTo(BetConfig.defaults().noOddsStake());
        assertThat(confident.price()).isNull();
        assertThat(unsure.bet()).isEqualTo(Bet.NO_BET);
        assertThat(unsure.stake()).isZero();
        assertThat(unsure.reason()).contains("No prices").contains("48%");
    }

    @Test
    void kellyIsTheEdgeOverTheNetOddsAndNeverNegative() {
        assertThat(BetSelector.kellyStake(0.5, 3.0)).isCloseTo(0.25, within(1e-12));
        assertThat(BetSelector.kellyStake(0.3, 3.0)).isZero();
    }

    @Test
    void wireNamesRoundTrip() {
        for (Bet bet : Bet.values()) {
            assertThat(Bet.fromWireName(bet.wireName())).isEqualTo(bet);
        }
    }

    private static MarketView bestPrices(double home, double draw, double away) {
        MatchBuilder match = aMatch().odds(home, draw, away);
        MarketView market = MarketView.of(match.fixture().odds(), Devig.POWER);
        // a table row must describe a real market, not one MarketView rejects as insane
        assertThat(market.present()).isTrue();
        return market;
    }
}
