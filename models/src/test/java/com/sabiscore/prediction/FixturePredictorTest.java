package com.sabiscore.prediction;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sabiscore.features.FeatureVector;
import com.sabiscore.features.InMemoryTeamStates;
import com.sabiscore.match.Fixture;
import com.sabiscore.scoring.FixtureScorer;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The predictor with the models packaged on the classpath (the committed models/*.onnx). */
class FixturePredictorTest {

    private static FixturePredictor predictor;
    private static InMemoryTeamStates state;

    private static final Fixture WITH_ODDS = aMatch().home("Arsenal").away("Everton").on("2023-09-02")
            .odds(1.60, 4.00, 5.50).maximum(1.65, 4.20, 5.90).book("PS", 1.62, 4.10, 5.70).overUnder(1.80, 2.05)
            .fixture();
    private static final Fixture WITHOUT_ODDS = aMatch().home("Everton").away("Chelsea").on("2023-09-02").fixture();

    @BeforeAll
    static void warmUp() {
        predictor = FixturePredictor.withDefaults();
        state = new InMemoryTeamStates();
        String[][] played = {{"Arsenal", "Chelsea", "2023-08-12"}, {"Everton", "Arsenal", "2023-08-19"},
                {"Chelsea", "Everton", "2023-08-26"}, {"Arsenal", "Everton", "2023-08-26"}};
        for (String[] match : played) {
            state.apply(predictor.engine(), aMatch().home(match[0]).away(match[1]).on(match[2]).score(2, 1).result());
        }
    }

    @AfterAll
    static void close() {
        predictor.close();
    }

    @Test
    void shouldUseTheWithOddsHeadWhenTheFixtureHasOdds() {
        FixturePrediction prediction = predictor.predict(state, WITH_ODDS);

        assertThat(prediction.head()).isEqualTo("with_odds");
        assertThat(prediction.fixtureId()).isEqualTo(WITH_ODDS.id().toString());
        assertThat(prediction.homeWinProb() + prediction.drawProb() + prediction.awayWinProb()).isCloseTo(1.0, within(1e-9));
        // a 1.60 favourite: the odds head must follow the market's strong lean to the home side
        assertThat(prediction.homeWinProb()).isGreaterThan(0.5);
        assertThat(prediction.modelVersion()).isEqualTo(predictor.scorer().modelVersion(FixtureScorer.Head.WITH_ODDS));
        assertThat(prediction.reasoning()).isNotEmpty();
        assertThat(prediction.recommendedBet()).isIn("home_win", "draw", "away_win", "no_bet");
    }

    @Test
    void shouldUseTheWithoutOddsHeadWhenThereAreNoPricesAndRefuseTheOddsHeadThere() {
        FixturePrediction prediction = predictor.predict(state, WITHOUT_ODDS);

        assertThat(prediction.head()).isEqualTo("without_odds");
        assertThatThrownBy(() -> predictor.predict(state, WITHOUT_ODDS, FixtureScorer.Head.WITH_ODDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTakeGoalMarketsAndTheHashFromTheEnginesFeatures() {
        FeatureVector features = predictor.engine().features(state, WITH_ODDS);

        FixturePrediction prediction = predictor.predict(state, WITH_ODDS);

        assertThat(prediction.over25Prob()).isEqualTo(features.context().grid().pOver25());
        assertThat(prediction.bttsProb()).isEqualTo(features.context().grid().pBothTeamsScore());
        assertThat(prediction.featureHash()).isEqualTo(features.hash());
    }

    @Test
    void shouldGiveTheSameAnswersInABatchAsOneByOne() {
        List<FixturePrediction> batch = predictor.predictBatch(state, List.of(WITH_ODDS, WITHOUT_ODDS));

        FixturePrediction first = predictor.predict(state, WITH_ODDS);
        FixturePrediction second = predictor.predict(state, WITHOUT_ODDS);
        assertThat(batch).hasSize(2);
        assertThat(batch.get(0).homeWinProb()).isCloseTo(first.homeWinProb(), within(1e-6));
        assertThat(batch.get(0).head()).isEqualTo("with_odds");
        assertThat(batch.get(1).awayWinProb()).isCloseTo(second.awayWinProb(), within(1e-6));
        assertThat(batch.get(1).head()).isEqualTo("without_odds");
        assertThat(batch.get(1).recommendedBet()).isEqualTo(second.recommendedBet());
    }

    @Test
    void shouldScoreTheWithoutOddsHeadOnAFixtureWithOddsWhenAsked() {
        FixturePrediction plain = predictor.predict(state, WITH_ODDS, FixtureScorer.Head.WITHOUT_ODDS);

        assertThat(plain.head()).isEqualTo("without_odds");
        assertThat(plain.homeWinProb()).isNotEqualTo(predictor.predict(state, WITH_ODDS).homeWinProb());
    }

    @Test
    void shouldCutReasoningIntoSentencesExactlyAsTheRegexDefinitionDoes() {
        // the definition: split after . ! ? and the whitespace following it, where a capital starts the next sentence
        Pattern sentenceEnd = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z])");
        String alphabet = ".!?, \t\nAZbq";
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(FixturePredictor.sentences(text.toString())).as("'%s'", text)
                    .containsExactly(sentenceEnd.split(text.toString()));
        }
        assertThat(FixturePredictor.sentences("Arsenal rate 40 Elo points above Chelsea. The draw! Why? Because."))
                .containsExactly("Arsenal rate 40 Elo points above Chelsea.", "The draw!", "Why?", "Because.");
    }
}
