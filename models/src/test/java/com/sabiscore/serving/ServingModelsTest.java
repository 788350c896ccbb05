package com.sabiscore.serving;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sabiscore.features.InMemoryTeamStates;
import com.sabiscore.match.Fixture;
import com.sabiscore.onnx.ModelMetadata;
import com.sabiscore.onnx.TinyModels;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.scoring.FixtureScorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServingModelsTest {

    private static final Fixture WITH_ODDS = aMatch().home("Arsenal").away("Everton").on("2023-09-02")
            .odds(1.60, 4.00, 5.50).fixture();
    private static final Fixture WITHOUT_ODDS = aMatch().home("Everton").away("Chelsea").on("2023-09-02").fixture();

    private final InMemoryTeamStates state = new InMemoryTeamStates();
    private final Map<String, ModelRelease> published = new HashMap<>();
    private final List<ModelRefusedException> heard = new ArrayList<>();
    private final List<Lineup> lineups = new ArrayList<>();
    private ServingModels models;

    @BeforeEach
    void startWithTheCommittedModels() {
        // a grace far longer than any test: a model taken out of service stays open until the holder closes
        models = new ServingModels(ServedModel.of(FixturePredictor.withDefaults(), "classpath"), Duration.ofHours(1));
        models.listen(new ServingModels.Listener() {
            @Override
            public void lineupChanged(Lineup lineup) {
                lineups.add(lineup);
            }

            @Override
            public void refused(ModelRefusedException refusal) {
                heard.add(refusal);
            }
        });
    }

    @AfterEach
    void close() {
        models.close();
    }

    @Test
    void shouldServeTheFallbackUntilAPublishedVersionIsNamed() {
        Lineup lineup = models.lineup();

        assertThat(lineup.champion()).isSameAs(models.fallback());
        assertThat(lineup.champion().version()).isEqualTo("ensemble-v2-2023-24");
        assertThat(lineup.challenger()).isNull();
    }

    @Test
    void shouldServeAPublishedChampionWhosePredictionsCarryItsVersion() {
        publish(Releases.committed("ensemble-v3"));

        Lineup lineup = models.adopt("ensemble-v3", null, published);

        assertThat(lineup.champion().version()).isEqualTo("ensemble-v3");
        assertThat(lineup.champion().source()).isEqualTo(ServedModel.PUBLISHED);
        assertThat(lineup.predict(state, WITH_ODDS).champion().modelVersion()).isEqualTo("ensemble-v3");
        assertThat(lineup.predict(state, WITHOUT_ODDS).champion().modelVersion()).isEqualTo("ensemble-v3");
        assertThat(lineups).containsExactly(lineup);
    }

    @Test
    void shouldScoreTheChallengerOnTheChampionsFeatures() {
        publish(Releases.uniform("uniform-1"));

        Lineup lineup = models.adopt(null, "uniform-1", published);
        Lineup.Forecast forecast = lineup.predict(state, WITH_ODDS);

        assertThat(lineup.champion()).isSameAs(models.fallback());
        assertThat(forecast.champion().modelVersion()).isEqualTo("ensemble-v2-2023-24");
        assertThat(forecast.challenger().modelVersion()).isEqualTo("uniform-1");
        assertThat(forecast.challenger().head()).isEqualTo(FixtureScorer.Head.WITH_ODDS);
        assertThat(forecast.challenger().home()).isCloseTo(1.0 / 3, within(1e-6));
        assertThat(forecast.challenger().home() + forecast.challenger().draw() + forecast.challenger().away())
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldPromoteTheChallengerWithoutLoadingItAgain() {
        publish(Releases.committed("ensemble-v3"));
        publish(Releases.uniform("uniform-1"));
        ServedModel challenger = models.adopt("ensemble-v3", "uniform-1", published).challenger();

        Lineup promoted = models.adopt("uniform-1", null, published);

        assertThat(promoted.champion()).isSameAs(challenger);
        assertThat(promoted.challenger()).isNull();
    }

    @Test
    void shouldKeepAModelTakenOutOfServiceOpenForCallsThatTookTheOldLineup() {
        publish(Releases.uniform("uniform-1"));
        publish(Releases.committed("ensemble-v3"));
        models.adopt("uniform-1", null, published);
        Lineup taken = models.lineup();

        models.adopt("ensemble-v3", null, published);

        // the switch happened while a caller held the old lineup: its scoring still runs
        assertThat(taken.predict(state, WITH_ODDS).champion().modelVersion()).isEqualTo("uniform-1");
        assertThat(models.lineup().predict(state, WITH_ODDS).champion().modelVersion()).isEqualTo("ensemble-v3");
    }

    @Test
    void shouldRefuseTruncatedBytesAndKeepServing() {
        publish(Releases.withOddsModel(Releases.committed("broken"), bytes -> Arrays.copyOf(bytes, bytes.length / 2)));

        Lineup lineup = models.adopt("broken", null, published);

        assertThat(lineup.champion()).isSameAs(models.fallback());
        assertThat(heard).singleElement().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo(ModelRefusedException.Reason.CORRUPT);
            assertThat(refusal.version()).isEqualTo("broken");
            assertThat(refusal.getMessage()).contains("broken with_odds").contains("protobuf parsing failed");
        });
        assertThat(models.refusals()).containsExactlyElementsOf(heard);
        assertThat(lineups).isEmpty();
        assertThat(lineup.predict(state, WITH_ODDS).champion().modelVersion()).isEqualTo("ensemble-v2-2023-24");
    }

    @Test
    void shouldRefuseAModelTakingOtherFeatures() {
        // the same count of features, one renamed: what a model trained before a feature change looks like
        String renamed = String.join(",", Releases.features(FixtureScorer.Head.WITH_ODDS)).replace("elo_home,", "elo_home_v0,");
        publish(Releases.withOddsModel(Releases.committed("old-features"),
                bytes -> ModelMetadata.withEntry(bytes, ModelMetadata.FEATURE_NAMES, renamed)));

        models.adopt("old-features", null, published);

        assertThat(heard).singleElement().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo(ModelRefusedException.Reason.FEATURES);
            assertThat(refusal.getMessage()).contains("Missing from the model: [elo_home]").contains("[elo_home_v0]");
        });
        assertThat(models.lineup().champion()).isSameAs(models.fallback());
    }

    @Test
    void shouldRefuseAModelWithTwoOutputClasses() {
        publish(Releases.withOddsModel(Releases.uniform("two-way"),
                bytes -> TinyModels.uniform(Releases.features(FixtureScorer.Head.WITH_ODDS), 2, "with_odds", "two-way")));

        models.adopt("two-way", null, published);

        assertThat(heard).singleElement().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo(ModelRefusedException.Reason.SHAPE);
            assertThat(refusal.getMessage()).contains("output 'probabilities'").contains("is float [N, 2], expected float [N, 3]");
        });
    }

    @Test
    void shouldRefuseAModelWhoseOutputIsNotProbabilities() {
        publish(Releases.withOddsModel(Releases.uniform("ones"),
                bytes -> TinyModels.allOnes(Releases.features(FixtureScorer.Head.WITH_ODDS), "with_odds", "ones")));

        models.adopt("ones", null, published);

        assertThat(heard).singleElement().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo(ModelRefusedException.Reason.OUTPUT);
            assertThat(refusal.getMessage()).contains("[1.0, 1.0, 1.0]");
        });
    }

    @Test
    void shouldRefuseAnOpsetOnnxRuntimeDoesNotRun() {
        publish(Releases.withOddsModel(Releases.uniform("future"), bytes -> TinyModels.withOpset(bytes, 99)));

        models.adopt("future", null, published);

        assertThat(heard).singleElement().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo(ModelRefusedException.Reason.OPSET);
            assertThat(refusal.getMessage()).contains("Opset 99").doesNotContain("onnxruntime_src");
        });
    }

    @Test
    void shouldRefuseAReleaseWhoseModelsNameAnotherVersion() {
        ModelRelease release = Releases.committed("v-stamped");
        publish(new ModelRelease("v-claimed", release.withOdds(), release.withoutOdds()));

        models.adopt("v-claimed", null, published);

        assertThat(heard).singleElement().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo(ModelRefusedException.Reason.VERSION);
            assertThat(refusal.getMessage()).contains("model_version v-stamped");
        });
    }

    @Test
    void shouldKeepTheChallengerServingWhenItsSuccessorIsRefused() {
        publish(Releases.uniform("uniform-1"));
        ServedModel challenger = models.adopt(null, "uniform-1", published).challenger();
        publish(Releases.withOddsModel(Releases.uniform("uniform-2"), bytes -> new byte[] {1, 2, 3}));

        Lineup lineup = models.adopt(null, "uniform-2", published);

        assertThat(lineup.challenger()).isSameAs(challenger);
        assertThat(heard).extracting(ModelRefusedException::reason).containsExactly(ModelRefusedException.Reason.CORRUPT);
    }

    @Test
    void shouldNotLoadARefusedReleaseAgainUntilANewRecordOfItsVersionArrives() {
        publish(Releases.withOddsModel(Releases.uniform("uniform-1"), bytes -> new byte[] {1, 2, 3}));
        models.adopt("uniform-1", null, published);
        models.adopt("uniform-1", null, published);
        assertThat(heard).hasSize(1);

        publish(Releases.uniform("uniform-1"));
        Lineup lineup = models.adopt("uniform-1", null, published);

        assertThat(lineup.champion().version()).isEqualTo("uniform-1");
        assertThat(heard).hasSize(1);
    }

    @Test
    void shouldWaitForARoleWhoseReleaseHasNotArrived() {
        Lineup lineup = models.adopt("not-yet", "nor-this", published);

        assertThat(lineup.champion()).isSameAs(models.fallback());
        assertThat(lineup.challenger()).isNull();
        assertThat(heard).isEmpty();
    }

    @Test
    void shouldGoBackToTheFallbackWhenNoChampionIsNamed() {
        publish(Releases.uniform("uniform-1"));
        models.adopt("uniform-1", null, published);

        assertThat(models.adopt(null, null, published).champion()).isSameAs(models.fallback());
    }

    @Test
    void shouldCloseEveryModelWithTheHolder() {
        publish(Releases.uniform("uniform-1"));
        Lineup lineup = models.adopt(null, "uniform-1", published);

        models.close();

        assertThatThrownBy(() -> lineup.predict(state, WITH_ODDS)).isInstanceOf(IllegalStateException.class);
        assertThat(models.adopt("uniform-1", null, published)).isSameAs(lineup);
    }

    private void publish(ModelRelease release) {
        published.put(release.version(), release);
    }
}
