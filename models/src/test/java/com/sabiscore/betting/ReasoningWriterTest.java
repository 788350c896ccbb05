package com.sabiscore.betting;

import com.sabiscore.features.FeatureEngine;
import com.sabiscore.features.FixtureContext;
import com.sabiscore.features.InMemoryTeamStates;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;

class ReasoningWriterTest {

    private final FeatureEngine engine = FeatureEngine.withDefaults();
    private final InMemoryTeamStates states = new InMemoryTeamStates();
    private final ReasoningWriter writer = new ReasoningWriter();
    private final BetSelector selector = BetSelector.withDefaults();

    @Test
    void explainsRatingsFormGoalsMarketAndTheBet() {
        playFiveRounds();
        FixtureContext context = engine.features(states,
                aMatch().home("Arsenal").away("Chelsea").on("2023-09-30").odds(1.80, 3.60, 4.80).fixture()).context();
        MatchProbabilities model = new MatchProbabilities(0.62, 0.22, 0.16);
        BetDecision decision = selector.select(model, context.market());

        String text = writer.write(context, model, decision);

        assertThat(sentences(text)).isBetween(2, 5);
        assertThat(text).contains("Arsenal rate").contains("Elo points above Chelsea")
                .contains("Arsenal took 15 points from their last 5 matches, Chelsea 0 from 5")
                .contains("The model gives Arsenal a 62% chance of winning")
                .contains(decision.reason());
    }

    @Test
    void withoutOddsItSaysWhyThereIsNoBetAndSkipsTheMarket() {
        FixtureContext context = engine.features(states, aMatch().home("Lens").away("Lille").fixture()).context();
        MatchProbabilities model = new MatchProbabilities(0.40, 0.30, 0.30);
        BetDecision decision = selector.select(model, context.market());

        String text = writer.write(context, model, decision);

        assertThat(sentences(text)).isBetween(2, 5);
        assertThat(text).contains("Lens and Lille are evenly rated").contains("home advantage worth").contains("No prices").doesNotContain("market's");
    }

    private void playFiveRounds() {
        // Arsenal win every match, Chelsea lose every match, against two other clubs
        LocalDate day = LocalDate.of(2023, 8, 19);
        for (int round = 0; round < 5; round++) {
            states.apply(engine, aMatch().home("Arsenal").away(round % 2 == 0 ? "Leeds" : "Fulham")
                    .on(day.plusWeeks(round)).score(2, 0).result());
            states.apply(engine, aMatch().home(round % 2 == 0 ? "Fulham" : "Leeds").away("Chelsea")
                    .on(day.plusWeeks(round)).score(1, 0).result());
        }
    }

    private static int sentences(String text) {
        return text.split("(?<=[.!?])\\s+").length;
    }
}
