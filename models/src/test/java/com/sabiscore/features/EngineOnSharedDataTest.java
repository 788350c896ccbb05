package com.sabiscore.features;

import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.data.RealHistory;
import com.sabiscore.market.Devig;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.ratings.ScoreGrid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Replays five real Premier League seasons (2019-20 .. 2023-24) through the engine, as training and backtest do. */
class EngineOnSharedDataTest {

    private static List<HistoricalMatch> history;

    @BeforeAll
    static void load() throws IOException {
        history = HistoryLoader.load(RealHistory.football(), Set.of("E0"), SeasonRange.parse("2019-2024"));
    }

    @Test
    void realSeasonsGiveFiniteFeaturesAndForecastsBetterThanChance() {
        FeatureEngine engine = FeatureEngine.withDefaults();
        InMemoryTeamStates states = new InMemoryTeamStates();
        double modelLogLoss = 0;
        double marketLogLoss = 0;
        int scored = 0;
        Set<String> promoted = new HashSet<>();
        for (HistoricalMatch match : history) {
            FeatureVector vector = states.features(engine, match.fixture());
            for (float value : vector.withOdds()) {
                assertThat(Float.isFinite(value)).as("%s", match.fixture().id()).isTrue();
            }
            if (vector.context().newEntrantHome()) {
                promoted.add(match.fixture().season() + " " + match.fixture().homeTeam());
            }
            if (!match.fixture().season().equals("2019-20") && vector.hasOdds()) {
                ScoreGrid grid = vector.context().grid();
                int outcome = match.result().outcome().ordinal();
                double[] model = {grid.pHome(), grid.pDraw(), grid.pAway()};
                double[] market = {vector.context().market().pHome(), vector.context().market().pDraw(),
                        vector.context().market().pAway()};
                assertThat(market[0] + market[1] + market[2]).isCloseTo(1.0, within(1e-9));
                modelLogLoss -= Math.log(model[outcome]);
                marketLogLoss -= Math.log(market[outcome]);
                scored++;
            }
            states.apply(engine, match.result());
        }

        // three clubs come up each season after the first; the first season's clubs are founders
        assertThat(promoted).hasSize(3 * 4);
        assertThat(states.league("E0").orElseThrow().homeAdvantage()).isPositive();
        assertThat(scored).isGreaterThan(1400);
        // a guess of one third each scores ln 3 = 1.0986; clearly beating the pre-match market with
        // ratings alone would point to leaked results
        assertThat(modelLogLoss / scored).isLessThan(1.05).isGreaterThan(marketLogLoss / scored - 0.01);
    }

    @Test
    void theShinMethodDeVigsRealPricesToo() {
        FeatureEngine engine = new FeatureEngine(EngineParameters.defaults().withDevig(Devig.SHIN));
        InMemoryTeamStates states = new InMemoryTeamStates();

        for (HistoricalMatch match : history.subList(0, 200)) {
            FeatureVector vector = states.features(engine, match.fixture());
            if (vector.hasOdds()) {
                assertThat(vector.value(Feature.MARKET_HOME) + vector.value(Feature.MARKET_DRAW)
                        + vector.value(Feature.MARKET_AWAY)).isCloseTo(1f, within(1e-5f));
            }
            states.apply(engine, match.result());
        }
    }
}
