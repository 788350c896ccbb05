package com.sabiscore.training;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.features.Feature;
import com.sabiscore.features.FeatureEngine;
import com.sabiscore.features.InMemoryTeamStates;
import com.sabiscore.match.HistoricalMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixtureHistoryTest {

    private final FeatureEngine engine = FeatureEngine.withDefaults();

    @Test
    void shouldTakeEachFixturesFeaturesBeforeItsOwnResult() {
        HistoricalMatch first = aMatch().home("Leeds").away("Hull").on("2010-08-14").score(5, 0).build();
        HistoricalMatch second = aMatch().home("Hull").away("Leeds").on("2010-08-21").score(0, 4).build();

        List<FixtureHistory.FeaturedMatch> featured = FixtureHistory.replay(engine, List.of(second, first));

        assertThat(featured).extracting(m -> m.match().fixture().id()).containsExactly(first.fixture().id(), second.fixture().id());
        assertThat(featured.get(0).features()).isEqualTo(new InMemoryTeamStates().features(engine, first.fixture()));
        InMemoryTeamStates afterFirst = new InMemoryTeamStates();
        afterFirst.apply(engine, first.result());
        assertThat(featured.get(1).features()).isEqualTo(afterFirst.features(engine, second.fixture()));
        assertThat(featured.get(1).features().value(Feature.ELO_DIFF))
                .isLessThan(new InMemoryTeamStates().features(engine, second.fixture()).value(Feature.ELO_DIFF));
    }

    @Test
    void shouldPredictSameTimeKickoffsBeforeAnyOfTheirResults() {
        HistoricalMatch early = aMatch().home("Leeds").away("Hull").on("2010-08-14").score(3, 0).build();
        HistoricalMatch sameTime = aMatch().home("Hull").away("Derby").on("2010-08-14").score(0, 2).build();

        List<FixtureHistory.FeaturedMatch> featured = FixtureHistory.replay(engine, List.of(early, sameTime));

        FixtureHistory.FeaturedMatch hullDerby = featured.stream()
                .filter(m -> m.match().fixture().homeTeam().equals("Hull")).findFirst().orElseThrow();
        assertThat(hullDerby.features()).isEqualTo(new InMemoryTeamStates().features(engine, sameTime.fixture()));
    }
}
