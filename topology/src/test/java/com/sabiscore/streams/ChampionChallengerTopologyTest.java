package com.sabiscore.streams;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.sabiscore.backtest.ForecastMetrics;
import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.Prediction;
import com.sabiscore.match.Outcome;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.serde.EventSerdes;
import com.sabiscore.serving.ModelRelease;
import com.sabiscore.serving.ModelRole;
import com.sabiscore.serving.Releases;
import com.sabiscore.serving.ServedModel;
import com.sabiscore.serving.ServingModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology while the models serving change: what each prediction carries, and the scores the results give each model. */
class ChampionChallengerTopologyTest {

    private static final String COMMITTED = "ensemble-v2-2023-24";
    private static final Map<String, ModelRelease> PUBLISHED = Map.of("uniform-1", Releases.uniform("uniform-1"));

    @TempDir
    Path stateDir;

    private ServingModels models;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> fixtures;
    private TestInputTopic<String, byte[]> results;
    private TestOutputTopic<String, Prediction> predictions;

    @BeforeEach
    void start() {
        models = new ServingModels(ServedModel.of(FixturePredictor.withDefaults(), "classpath"), Duration.ofHours(1));
        AppConfig config = AppConfig.of(Map.of(
                "kafka.bootstrap.servers", "test-driver:9092",
                "state.dir", stateDir.toString(),
                "topic.partitions", "1",
                "processing.guarantee", "at_least_once",
                "max.task.idle.ms", "0",
                // results applied on arrival: these tests are about the models, not about ordering the two topics
                "result.hold.grace.ms", "0"));
        driver = new TopologyTestDriver(PredictionTopology.build(config, models, PipelineObserver.NONE), config.streamsProperties());
        fixtures = driver.createInputTopic(config.fixturesTopic(), new StringSerializer(), new ByteArraySerializer());
        results = driver.createInputTopic(config.resultsTopic(), new StringSerializer(), new ByteArraySerializer());
        predictions = driver.createOutputTopic(config.predictionsTopic(), new StringDeserializer(),
                EventSerdes.prediction().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
        models.close();
    }

    @Test
    void shouldPublishTheChallengersForecastBesideTheChampionsAndScoreBothAgainstTheResult() {
        // given a challenger beside the committed champion
        models.adopt(null, "uniform-1", PUBLISHED);
        Fixture fixture = aFixtureEvent().home("Arsenal").away("Chelsea").odds("B365", 2.10, 3.40, 3.60).build();

        // when the fixture is announced, then played
        pipe(fixture);
        Prediction prediction = predictions.readValue();
        pipe(resultOf(fixture).score(2, 1).build());

        // then the prediction is the champion's, with the challenger's forecast from the same features beside it
        assertThat(prediction.getModelVersion()).isEqualTo(COMMITTED);
        assertThat(prediction.getChallenger().getModelVersion()).isEqualTo("uniform-1");
        assertThat(prediction.getChallenger().getHead()).isEqualTo("with_odds");
        assertThat(prediction.getChallenger().getHomeWinProb()).isCloseTo(1.0 / 3, within(1e-6));
        // and each model is scored on that forecast against the home win
        ForecastMetrics champion = new ForecastMetrics();
        champion.add(prediction.getHomeWinProb(), prediction.getDrawProb(), prediction.getAwayWinProb(), Outcome.HOME);
        assertThat(models.scoreboard().summary(COMMITTED, ModelRole.CHAMPION)).contains(champion.summary());
        assertThat(models.scoreboard().summary("uniform-1", ModelRole.CHALLENGER).orElseThrow().logLoss())
                .isCloseTo(Math.log(3), within(1e-6));
        assertThat(predictions.isEmpty()).isTrue();
    }

    @Test
    void shouldScoreEveryRecordAfterASwitchWithTheNewChampion() {
        // given a fixture predicted by the committed model
        Fixture first = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        Fixture second = aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-10-28T14:00:00Z").build();
        pipe(first);

        // when another champion serves, a new fixture arrives and a result re-scores the first one
        models.adopt("uniform-1", null, PUBLISHED);
        pipe(second);
        pipe(resultOf(aFixtureEvent().home("Arsenal").away("Fulham").kickoff("2023-10-21T14:00:00Z").build()).score(1, 0).build());

        // then only the first version is the committed model's
        List<Prediction> out = predictions.readValuesToList();
        assertThat(out).extracting(Prediction::getFixtureId, Prediction::getVersion, Prediction::getModelVersion).containsExactly(
                tuple(first.getFixtureId(), 1L, COMMITTED),
                tuple(second.getFixtureId(), 1L, "uniform-1"),
                tuple(first.getFixtureId(), 2L, "uniform-1"));
        assertThat(out).allSatisfy(prediction -> assertThat(prediction.getChallenger()).isNull());
        assertThat(out.get(2).getHomeWinProb()).isCloseTo(1.0 / 3, within(1e-6));
    }

    private void pipe(Fixture fixture) {
        fixtures.pipeInput(fixture.getFixtureId(), EventSerdes.fixture().serializer().serialize("", fixture), fixture.getKickoff());
    }

    private void pipe(MatchResult result) {
        results.pipeInput(result.getFixtureId(), EventSerdes.result().serializer().serialize("", result),
                result.getKickoff().plus(Duration.ofHours(2)));
    }
}
